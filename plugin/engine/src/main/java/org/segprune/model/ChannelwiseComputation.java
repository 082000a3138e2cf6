package org.segprune.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the computations of SegPrune's per-channel layers ({@link ChannelwiseLayer}) share: the input read (never
 * written), parameters broadcast over NCHW maps, and results handed to DL4J in its workspaces.
 */
abstract class ChannelwiseComputation<C extends ChannelwiseLayer> extends BaseLayer<C> {

    ChannelwiseComputation(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The output for the input x [N, C, H, W], a new array. */
    abstract INDArray forward(INDArray x);

    /**
     * The gradient with respect to x, given dy; writes each parameter's gradient into {@code parameterGradients}
     * (DL4J's gradient views, by key).
     */
    abstract INDArray backward(INDArray x, INDArray dy, Map<String, INDArray> parameterGradients);

    /** A per-channel parameter as [1, C, 1, 1], to broadcast over NCHW maps. */
    INDArray channelVector(String key) {
        INDArray values = getParam(key);
        return values.reshape(1, values.length(), 1, 1);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = input.castTo(dataType);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        output.assign(forward(x));
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = input.castTo(dataType);
        INDArray dx = backward(x, epsilon.castTo(dataType), gradientViews);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        epsOut.assign(dx);
        Gradient gradient = new DefaultGradient();
        gradientViews.forEach(gradient::setGradientFor);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }
}
