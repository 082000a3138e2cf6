package org.segprune.interop.onnx;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.util.SegPruneException;

/**
 * What a {@link VertexWriter} needs to write one DL4J vertex: its configuration, its parameters, the ONNX tensors and
 * DL4J activation types of its inputs, its output type and the graph being written.
 *
 * @param layer the layer configuration, or null for a vertex that is not a layer
 * @param params the layer's parameters by DL4J key (empty without parameters)
 * @param foldedBatchNorm the batch norm folded into this convolution, or null
 * @param outputName the ONNX name the vertex's output must get
 */
record VertexCall(OnnxGraph onnx, String name, GraphVertex vertex, Layer layer, Map<String, INDArray> params,
        List<String> inputs, List<InputType> inputTypes, InputType outputType, BatchNormFolding.Folded foldedBatchNorm,
        String outputName) {

    /** The single input's ONNX tensor name. */
    String input() {
        return inputs.get(0);
    }

    /** Height and width of the single input. */
    long[] inputSize() {
        return spatial(inputTypes.get(0));
    }

    long[] outputSize() {
        return spatial(outputType);
    }

    private long[] spatial(InputType type) {
        InputType.InputTypeConvolutional cnn = convolutional(type);
        return new long[] {cnn.getHeight(), cnn.getWidth()};
    }

    private InputType.InputTypeConvolutional convolutional(InputType type) {
        if (!(type instanceof InputType.InputTypeConvolutional cnn)) {
            throw unsupported("it works on " + type + ", not on images");
        }
        return cnn;
    }

    /** A fresh name for a tensor inside this vertex's part of the ONNX graph. */
    String temporary(String suffix) {
        return onnx.unique(name + "/" + suffix);
    }

    SegPruneException unsupported(String why) {
        String type = layer != null ? layer.getClass().getSimpleName() : vertex.getClass().getSimpleName();
        return new SegPruneException("cannot export layer '" + name + "' (" + type + ") to ONNX: " + why);
    }
}
