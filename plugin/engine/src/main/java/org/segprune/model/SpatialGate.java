package org.segprune.model;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A feature map [N, C, H, W] (input 0) times one gate map [N, 1, H, W] (input 1) shared by all its channels, as the
 * attention gates of Attention U-Net multiply the skip connection ({@code x * psi}, ONNX's broadcasting Mul). DL4J's
 * element-wise vertices need equal shapes. The output has the feature map's channels, so pruning them needs no change
 * here. No parameters; saved in the model JSON by class name.
 */
public class SpatialGate extends GraphVertex {

    private static final long serialVersionUID = 1L;

    @Override
    public SpatialGate clone() {
        return new SpatialGate();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpatialGate;
    }

    @Override
    public int hashCode() {
        return SpatialGate.class.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        return new SpatialGateVertex(graph, name, index, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || !(inputs[0] instanceof InputType.InputTypeConvolutional map)
                || !(inputs[1] instanceof InputType.InputTypeConvolutional gate)) {
            throw new InvalidInputTypeException("a spatial gate takes a feature map and a one-channel gate map");
        }
        if (gate.getChannels() != 1 || gate.getHeight() != map.getHeight() || gate.getWidth() != map.getWidth()) {
            throw new InvalidInputTypeException("the gate map must have 1 channel and the feature map's " + map.getHeight()
                    + "x" + map.getWidth() + " pixels, not " + gate.getChannels() + " channels of " + gate.getHeight() + "x"
                    + gate.getWidth());
        }
        return map;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputs) {
        return new LayerMemoryReport.Builder(null, SpatialGate.class, inputs[0], getOutputType(-1, inputs))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
