package org.segprune.interop.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;

/**
 * Evaluates the ONNX operators that exporters use for shape arithmetic (Shape, Gather, Slice, Concat,
 * Cast, Unsqueeze, Squeeze, Reshape, arithmetic on small vectors) when every input is a constant, as it
 * is for a fixed input size. Results are capped in size: folding never allocates more than a small
 * multiple of what the file holds.
 */
final class ConstantFolding {

    /** Operators that are evaluated when all their inputs are constants. */
    static final Set<String> FOLDABLE = Set.of("Identity", "Gather", "Slice", "Concat", "Cast", "Unsqueeze", "Squeeze",
            "Reshape", "Add", "Sub", "Mul", "Div", "Floor", "Ceil", "ConstantOfShape", "Flatten");

    private static final long MAX_FOLDED_VALUES = 1 << 24;

    private ConstantFolding() {
    }

    static Tensor fold(Node node, List<Tensor> in, int opset) {
        return switch (node.op()) {
            case "Identity" -> in.get(0);
            case "Gather" -> gather(node, in.get(0), in.get(1));
            case "Slice" -> slice(node, in, opset);
            case "Concat" -> concat(node, in);
            case "Cast" -> cast(node, in.get(0));
            case "Unsqueeze" -> unsqueeze(node, in.get(0), opset >= 13 ? in.get(1).longs() : node.integers("axes", new long[0]));
            case "Squeeze" -> squeeze(in.get(0), opset >= 13 && in.size() > 1 ? in.get(1).longs() : node.integers("axes", null));
            case "Reshape" -> reshape(node, in.get(0), in.get(1).longs());
            case "Flatten" -> Tensor.of(new long[] {1, in.get(0).size()}, in.get(0).values(), in.get(0).integer());
            case "Add" -> arithmetic(node, in, Double::sum);
            case "Sub" -> arithmetic(node, in, (a, b) -> a - b);
            case "Mul" -> arithmetic(node, in, (a, b) -> a * b);
            case "Div" -> arithmetic(node, in, (a, b) -> in.get(0).integer() && in.get(1).integer() ? (double) ((long) a / (long) b) : a / b);
            case "Floor" -> map(in.get(0), Math::floor);
            case "Ceil" -> map(in.get(0), Math::ceil);
            case "ConstantOfShape" -> constantOfShape(node, in.get(0));
            default -> throw node.unsupported("cannot be evaluated on constants");
        };
    }

    private static Tensor map(Tensor t, java.util.function.DoubleUnaryOperator f) {
        return Tensor.of(t.shape(), Arrays.stream(t.values()).map(f).toArray(), t.integer());
    }

    private static int axis(long axis, int rank) {
        return (int) (axis < 0 ? axis + rank : axis);
    }

    private static Tensor gather(Node node, Tensor data, Tensor indices) {
        int axis = axis(node.integer("axis", 0), data.shape().length);
        if (axis != 0) {
            throw node.unsupported("Gather on constants along axis " + axis + " (only axis 0)");
        }
        long rows = data.shape().length == 0 ? 1 : data.shape()[0];
        int rowSize = (int) (data.size() / Math.max(1, rows));
        double[] out = new double[indices.size() * rowSize];
        for (int i = 0; i < indices.size(); i++) {
            long index = indices.longAt(i) < 0 ? indices.longAt(i) + rows : indices.longAt(i);
            if (index < 0 || index >= rows) {
                throw node.unsupported("index " + indices.longAt(i) + " is out of range for " + rows + " rows");
            }
            System.arraycopy(data.values(), (int) index * rowSize, out, i * rowSize, rowSize);
        }
        long[] shape = new long[indices.shape().length + Math.max(0, data.shape().length - 1)];
        System.arraycopy(indices.shape(), 0, shape, 0, indices.shape().length);
        if (data.shape().length > 1) {
            System.arraycopy(data.shape(), 1, shape, indices.shape().length, data.shape().length - 1);
        }
        return Tensor.of(shape, out, data.integer());
    }

    private static Tensor slice(Node node, List<Tensor> in, int opset) {
        Tensor data = in.get(0);
        if (data.shape().length != 1) {
            throw node.unsupported("Slice on a constant of rank " + data.shape().length + " (only vectors)");
        }
        long start;
        long end;
        long step = 1;
        if (opset < 10) {
            start = node.integers("starts", new long[] {0})[0];
            end = node.integers("ends", new long[] {Long.MAX_VALUE})[0];
        } else {
            start = in.get(1).longAt(0);
            end = in.get(2).longAt(0);
            if (in.size() > 4 && in.get(4) != null) {
                step = in.get(4).longAt(0);
            }
        }
        long n = data.size();
        if (step == 0) {
            throw node.unsupported("Slice with step 0");
        }
        start = clampIndex(start, n, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
        end = clampIndex(end, n, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
        List<Double> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < end : i > end; i += step) {
            out.add(data.values()[(int) i]);
        }
        return Tensor.of(new long[] {out.size()}, out.stream().mapToDouble(Double::doubleValue).toArray(), data.integer());
    }

    private static long clampIndex(long index, long n, long low, long high) {
        long i = index < 0 ? index + n : index;
        return Math.max(low, Math.min(high, i));
    }

    private static Tensor concat(Node node, List<Tensor> in) {
        int total = 0;
        for (Tensor t : in) {
            if (t.shape().length > 1) {
                throw node.unsupported("Concat of constants of rank " + t.shape().length + " (only vectors)");
            }
            total += t.size();
        }
        double[] out = new double[total];
        int offset = 0;
        for (Tensor t : in) {
            System.arraycopy(t.values(), 0, out, offset, t.size());
            offset += t.size();
        }
        return Tensor.of(new long[] {total}, out, in.get(0).integer());
    }

    private static Tensor cast(Node node, Tensor t) {
        int to = (int) node.integer("to", Tensor.FLOAT);
        if (to == Tensor.FLOAT) {
            return Tensor.of(t.shape(), Arrays.stream(t.values()).map(v -> (float) v).toArray(), false);
        }
        if (to == Tensor.DOUBLE) {
            return Tensor.of(t.shape(), t.values(), false);
        }
        return Tensor.of(t.shape(), Arrays.stream(t.values()).map(v -> (double) (long) v).toArray(), true);
    }

    private static Tensor unsqueeze(Node node, Tensor t, long[] axes) {
        int rank = t.shape().length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            inserted[axis(a, rank)] = true;
        }
        long[] shape = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            shape[i] = inserted[i] ? 1 : t.shape()[j++];
        }
        return Tensor.of(shape, t.values(), t.integer());
    }

    private static Tensor squeeze(Tensor t, long[] axes) {
        List<Long> shape = new ArrayList<>();
        for (int i = 0; i < t.shape().length; i++) {
            boolean drop = t.shape()[i] == 1;
            if (axes != null) {
                final int index = i;
                drop = Arrays.stream(axes).anyMatch(a -> axis(a, t.shape().length) == index);
            }
            if (!drop) {
                shape.add(t.shape()[i]);
            }
        }
        return Tensor.of(shape.stream().mapToLong(Long::longValue).toArray(), t.values(), t.integer());
    }

    private static Tensor reshape(Node node, Tensor t, long[] target) {
        long[] shape = target.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                shape[i] = t.shape()[i];
            }
            if (shape[i] == -1) {
                unknown = i;
            } else {
                known *= shape[i];
            }
        }
        if (unknown >= 0) {
            shape[unknown] = t.size() / Math.max(1, known);
        }
        if (Tensor.count(shape) != t.size()) {
            throw node.unsupported("cannot reshape " + t.size() + " values to " + Arrays.toString(target));
        }
        return Tensor.of(shape, t.values(), t.integer());
    }

    private static Tensor arithmetic(Node node, List<Tensor> in, DoubleBinaryOperator op) {
        Tensor a = in.get(0);
        Tensor b = in.get(1);
        if (a.size() != b.size() && a.size() != 1 && b.size() != 1) {
            throw node.unsupported("broadcasting constants of shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()));
        }
        Tensor larger = a.size() >= b.size() ? a : b;
        double[] out = new double[larger.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.applyAsDouble(a.values()[a.size() == 1 ? 0 : i], b.values()[b.size() == 1 ? 0 : i]);
        }
        return Tensor.of(larger.shape(), out, a.integer() && b.integer());
    }

    private static Tensor constantOfShape(Node node, Tensor shapeTensor) {
        long[] shape = shapeTensor.longs();
        long n = Tensor.count(shape);
        if (n < 0 || n > MAX_FOLDED_VALUES) {
            throw node.unsupported("ConstantOfShape of " + Arrays.toString(shape) + " is too large to evaluate");
        }
        double value = 0;
        boolean integer = false;
        if (node.attribute("value") != null) {
            Tensor v = Tensor.decode(node.attribute("value").getT(), node.describe() + " value");
            value = v.scalar();
            integer = v.integer();
        }
        double[] values = new double[(int) n];
        Arrays.fill(values, value);
        return Tensor.of(shape, values, integer);
    }
}
