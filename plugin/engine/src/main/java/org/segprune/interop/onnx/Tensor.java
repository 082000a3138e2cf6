package org.segprune.interop.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A constant ONNX tensor (initializer, Constant node or folded shape arithmetic) as doubles, which hold
 * every float32 and every int64 shape value exactly. Decoding checks the declared shape against the
 * bytes the file holds before allocating anything, so a corrupt file cannot ask for more memory than
 * its own size.
 */
record Tensor(long[] shape, double[] values, boolean integer) {

    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int DOUBLE = 11;

    /** Elements of a shape; -1 if a dimension is negative or the product overflows. */
    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0 || (d > 0 && n > Long.MAX_VALUE / d)) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    static Tensor of(long[] shape, double[] values, boolean integer) {
        return new Tensor(shape, values, integer);
    }

    static Tensor ints(long... values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return new Tensor(new long[] {values.length}, v, true);
    }

    static Tensor decode(Onnx.TensorProto proto, String what) {
        if (proto.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL) {
            throw new OnnxFormatException(what + " keeps its data in an external file, which SegPrune does not read");
        }
        long[] shape = new long[proto.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = proto.getDims(i);
        }
        long n = count(shape);
        if (n < 0) {
            throw new OnnxFormatException(what + " declares an invalid shape " + Arrays.toString(shape));
        }
        int type = proto.getDataType();
        int width = switch (type) {
            case FLOAT, INT32 -> 4;
            case INT64, DOUBLE -> 8;
            case UINT8, INT8, BOOL -> 1;
            default -> throw new OnnxFormatException(what + " has data type " + type + ", SegPrune reads float, double and integer tensors");
        };
        boolean integer = type != FLOAT && type != DOUBLE;
        int stored = proto.getRawData().isEmpty() ? typedCount(proto, type) : proto.getRawData().size() / width;
        if (stored != n || (!proto.getRawData().isEmpty() && proto.getRawData().size() % width != 0)) {
            throw new OnnxFormatException(what + " declares " + n + " values of shape " + Arrays.toString(shape)
                    + " but the file holds " + stored + " (truncated or corrupt)");
        }
        double[] values = new double[(int) n];
        if (!proto.getRawData().isEmpty()) {
            ByteBuffer raw = proto.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                values[i] = switch (type) {
                    case FLOAT -> raw.getFloat();
                    case DOUBLE -> raw.getDouble();
                    case INT32 -> raw.getInt();
                    case INT64 -> raw.getLong();
                    case UINT8, BOOL -> raw.get() & 0xff;
                    default -> raw.get();
                };
            }
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = switch (type) {
                    case FLOAT -> proto.getFloatData(i);
                    case DOUBLE -> proto.getDoubleData(i);
                    case INT64 -> proto.getInt64Data(i);
                    default -> proto.getInt32Data(i);
                };
            }
        }
        return new Tensor(shape, values, integer);
    }

    private static int typedCount(Onnx.TensorProto proto, int type) {
        return switch (type) {
            case FLOAT -> proto.getFloatDataCount();
            case DOUBLE -> proto.getDoubleDataCount();
            case INT64 -> proto.getInt64DataCount();
            default -> proto.getInt32DataCount();
        };
    }

    int size() {
        return values.length;
    }

    long longAt(int i) {
        return (long) values[i];
    }

    long[] longs() {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) values[i];
        }
        return out;
    }

    double scalar() {
        return values[0];
    }

    /** The values as a float32 array of this tensor's shape (or of {@code target}, same element count). */
    INDArray toArray(long... target) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Nd4j.create(f, target.length == 0 ? shape : target, 'c').castTo(DataType.FLOAT);
    }
}
