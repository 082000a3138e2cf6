package org.segprune.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.runtime.Dl4jRuntime;

/**
 * DL4J's depthwise convolution with libnd4j's platform helpers (oneDNN) switched off while it runs, forward and
 * backward (see {@link DilatedDepthwiseConvolution2D} and {@link Dl4jRuntime#withoutPlatformHelpers}).
 */
public class DilatedDepthwiseConvolution2DLayer extends DepthwiseConvolution2DLayer {

    public DilatedDepthwiseConvolution2DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        return Dl4jRuntime.withoutPlatformHelpers(() -> super.preOutput(training, forBackprop, workspaceMgr));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return Dl4jRuntime.withoutPlatformHelpers(() -> super.backpropGradient(epsilon, workspaceMgr));
    }
}
