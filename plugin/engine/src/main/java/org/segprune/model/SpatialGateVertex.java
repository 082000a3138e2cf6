package org.segprune.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The runtime of {@link SpatialGate}: {@code y = x * g}, {@code dx = dy * g}, {@code dg = sum over channels of dy * x}. */
public class SpatialGateVertex extends BaseGraphVertex {

    private static final long serialVersionUID = 1L;

    SpatialGateVertex(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, null, null, dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("spatial gate '" + vertexName + "': inputs not set");
        }
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            return inputs[0].mul(overChannels(inputs[1], inputs[0]));
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("spatial gate '" + vertexName + "': errors not set");
        }
        try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            INDArray mapGradient = epsilon.mul(overChannels(inputs[1], inputs[0]));
            INDArray gateGradient = epsilon.mul(inputs[0]).sum(true, 1);
            return new Pair<>(null, new INDArray[] {mapGradient, gateGradient});
        }
    }

    /** The [N, 1, H, W] gate repeated over the map's channels. */
    private static INDArray overChannels(INDArray gate, INDArray map) {
        return gate.repeat(1, map.size(1));
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        if (view != null) {
            throw new IllegalStateException("spatial gate '" + vertexName + "' has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
        return masks == null || masks.length == 0 ? null : new Pair<>(masks[0], state);
    }

    @Override
    public String toString() {
        return "SpatialGateVertex(name=" + vertexName + ")";
    }
}
