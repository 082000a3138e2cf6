package org.segprune.interop.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Writes the nodes and initializers of one ONNX graph: unique tensor names, typed attributes and float32 / int64
 * constants, so that the exporters (and the Keras importer) say only which op reads and writes what.
 */
public final class OnnxGraph {

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    /** A name not used yet for a tensor or node, based on {@code base}. */
    public String unique(String base) {
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Reserves a tensor name that must stay exactly as given (graph inputs and outputs). */
    public void reserve(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("tensor name '" + name + "' is used twice");
        }
    }

    /** One node attribute; build them with {@link #ints}, {@link #integer}, {@link #real} and {@link #text}. */
    public record Attribute(Onnx.AttributeProto proto) {
    }

    public static Attribute ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return new Attribute(a.build());
    }

    public static Attribute integer(String name, long value) {
        return new Attribute(Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT)
                .setI(value).build());
    }

    public static Attribute real(String name, double value) {
        return new Attribute(Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build());
    }

    public static Attribute text(String name, String value) {
        return new Attribute(Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build());
    }

    /**
     * Adds a node named after its first output; an empty input name marks an optional input left out.
     * Returns the first output's name.
     */
    public String node(String opType, List<String> inputs, String output, Attribute... attributes) {
        Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder().setOpType(opType).setName(output).addOutput(output);
        inputs.forEach(node::addInput);
        for (Attribute attribute : attributes) {
            node.addAttribute(attribute.proto());
        }
        graph.addNode(node);
        return output;
    }

    /** A float32 constant with the array's shape and values (copied in c order). */
    public String floats(String baseName, INDArray values) {
        String name = unique(baseName);
        float[] data = values.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        Onnx.TensorProto.Builder tensor = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : values.shape()) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** A 1-D float32 constant. */
    public String floats(String baseName, float... values) {
        return floats(baseName, org.nd4j.linalg.factory.Nd4j.createFromArray(values));
    }

    /** A 1-D int64 constant. */
    public String longs(String baseName, long... values) {
        String name = unique(baseName);
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).setDataType(Onnx.TensorProto.DataType.INT64.getNumber())
                .addDims(values.length).setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    /** A float32 NCHW graph input or output with a symbolic batch size and fixed channels and spatial size. */
    public static Onnx.ValueInfoProto imageTensor(String name, long channels, long height, long width) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long dim : new long[] {channels, height, width}) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    public void input(Onnx.ValueInfoProto value) {
        graph.addInput(value);
    }

    public void output(Onnx.ValueInfoProto value) {
        graph.addOutput(value);
    }

    public Onnx.GraphProto build(String name) {
        return graph.setName(name).build();
    }
}
