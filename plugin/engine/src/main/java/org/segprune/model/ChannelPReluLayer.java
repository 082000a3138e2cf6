package org.segprune.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The computation of {@link ChannelPRelu}: y = x where x > 0, a_c x elsewhere; dx = dy where x > 0, a_c dy elsewhere;
 * da_c = the sum of dy x over the images and pixels of channel c where x is not positive. The input is never
 * written to (other vertices may read it too).
 */
public class ChannelPReluLayer extends BaseLayer<ChannelPRelu> {

    public ChannelPReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    private INDArray slopes() {
        INDArray alpha = getParam(ChannelPRelu.ALPHA);
        return alpha.reshape(1, alpha.length(), 1, 1);
    }

    /** 1 where x > 0, 0 elsewhere. */
    private static INDArray positive(INDArray x) {
        return Transforms.step(x, true);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = input.castTo(dataType);
        INDArray positive = positive(x);
        // x * (positive + (1 - positive) * a)
        INDArray factor = positive.rsub(1).muli(slopes()).addi(positive);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        output.assign(x.mul(factor));
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = input.castTo(dataType);
        INDArray dy = epsilon.castTo(dataType);
        INDArray positive = positive(x);
        INDArray negativePart = positive.rsub(1);
        INDArray alphaGradient = gradientViews.get(ChannelPRelu.ALPHA);
        alphaGradient.assign(dy.mul(x).muli(negativePart).sum(0, 2, 3).reshape(alphaGradient.shape()));
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        epsOut.assign(dy.mul(negativePart.muli(slopes()).addi(positive)));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ChannelPRelu.ALPHA, alphaGradient);
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
