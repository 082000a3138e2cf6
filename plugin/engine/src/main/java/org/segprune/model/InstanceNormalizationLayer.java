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
 * The computation of {@link InstanceNormalization}: y = gamma (x - mean) / sqrt(var + eps) + beta with mean and
 * (biased) variance over height and width per image and channel. Backward, with xhat the normalised input and
 * M = H W: dgamma = sum dy xhat, dbeta = sum dy (over images and pixels), and per image and channel
 * dx = gamma / (M sqrt(var + eps)) (M dy - sum dy - xhat sum dy xhat).
 */
public class InstanceNormalizationLayer extends BaseLayer<InstanceNormalization> {

    public InstanceNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    /** [N, C, 1, 1] of 1 / sqrt(var + eps), and xhat [N, C, H, W]. */
    private INDArray[] normalised(INDArray x) {
        INDArray mean = x.mean(true, 2, 3);
        INDArray centred = x.sub(mean);
        INDArray variance = centred.mul(centred).mean(true, 2, 3);
        INDArray inverseStd = Transforms.pow(variance.add(layerConf().getEps()), -0.5, false);
        return new INDArray[] {inverseStd, centred.muli(inverseStd)};
    }

    private INDArray channelVector(String key) {
        return getParam(key).reshape(1, getParam(key).length(), 1, 1);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = input.castTo(dataType);
        INDArray y = normalised(x)[1].muli(channelVector(InstanceNormalization.GAMMA))
                .addi(channelVector(InstanceNormalization.BETA));
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        output.assign(layerConf().getActivationFn().getActivation(y, training));
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = input.castTo(dataType);
        INDArray[] norm = normalised(x);
        INDArray inverseStd = norm[0];
        INDArray xhat = norm[1];
        INDArray gamma = channelVector(InstanceNormalization.GAMMA);
        INDArray beta = channelVector(InstanceNormalization.BETA);
        INDArray preOutput = xhat.mul(gamma).addi(beta);
        INDArray dy = layerConf().getActivationFn().backprop(preOutput, epsilon.castTo(dataType).dup()).getFirst();

        INDArray gammaGradient = gradientViews.get(InstanceNormalization.GAMMA);
        INDArray betaGradient = gradientViews.get(InstanceNormalization.BETA);
        gammaGradient.assign(dy.mul(xhat).sum(0, 2, 3).reshape(gammaGradient.shape()));
        betaGradient.assign(dy.sum(0, 2, 3).reshape(betaGradient.shape()));

        double pixels = x.size(2) * x.size(3);
        INDArray dxhat = dy.mul(gamma);
        INDArray sumDxhat = dxhat.sum(true, 2, 3);
        INDArray sumDxhatXhat = dxhat.mul(xhat).sum(true, 2, 3);
        INDArray dx = dxhat.muli(pixels).subi(sumDxhat).subi(xhat.muli(sumDxhatXhat)).muli(inverseStd).divi(pixels);

        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        epsOut.assign(dx);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(InstanceNormalization.GAMMA, gammaGradient);
        gradient.setGradientFor(InstanceNormalization.BETA, betaGradient);
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
