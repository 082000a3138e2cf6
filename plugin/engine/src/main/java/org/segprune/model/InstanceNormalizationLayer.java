package org.segprune.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The computation of {@link InstanceNormalization}: y = gamma (x - mean) / sqrt(var + eps) + beta with mean and
 * (biased) variance over height and width per image and channel. Backward, with xhat the normalised input and
 * M = H W: dgamma = sum dy xhat, dbeta = sum dy (over images and pixels), and per image and channel
 * dx = gamma / (M sqrt(var + eps)) (M dy - sum dy - xhat sum dy xhat).
 */
public class InstanceNormalizationLayer extends ChannelwiseComputation<InstanceNormalization> {

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

    @Override
    INDArray forward(INDArray x) {
        return normalised(x)[1].muli(channelVector(InstanceNormalization.GAMMA)).addi(channelVector(InstanceNormalization.BETA));
    }

    @Override
    INDArray backward(INDArray x, INDArray dy, Map<String, INDArray> parameterGradients) {
        INDArray[] norm = normalised(x);
        INDArray inverseStd = norm[0];
        INDArray xhat = norm[1];
        INDArray gammaGradient = parameterGradients.get(InstanceNormalization.GAMMA);
        INDArray betaGradient = parameterGradients.get(InstanceNormalization.BETA);
        gammaGradient.assign(dy.mul(xhat).sum(0, 2, 3).reshape(gammaGradient.shape()));
        betaGradient.assign(dy.sum(0, 2, 3).reshape(betaGradient.shape()));
        double pixels = x.size(2) * x.size(3);
        INDArray dxhat = dy.mul(channelVector(InstanceNormalization.GAMMA));
        INDArray sumDxhat = dxhat.sum(true, 2, 3);
        INDArray sumDxhatXhat = dxhat.mul(xhat).sum(true, 2, 3);
        return dxhat.muli(pixels).subi(sumDxhat).subi(xhat.muli(sumDxhatXhat)).muli(inverseStd).divi(pixels);
    }
}
