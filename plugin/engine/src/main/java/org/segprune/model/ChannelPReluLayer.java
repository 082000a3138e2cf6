package org.segprune.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The computation of {@link ChannelPRelu}: y = x where x > 0, a_c x elsewhere; dx = dy where x > 0, a_c dy elsewhere;
 * da_c = the sum of dy x over the images and pixels of channel c where x is not positive.
 */
public class ChannelPReluLayer extends ChannelwiseComputation<ChannelPRelu> {

    public ChannelPReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    /** 1 where x > 0, else the channel's slope. */
    private INDArray factor(INDArray positive) {
        return positive.rsub(1).muli(channelVector(ChannelPRelu.ALPHA)).addi(positive);
    }

    @Override
    INDArray forward(INDArray x) {
        return x.mul(factor(Transforms.step(x, true)));
    }

    @Override
    INDArray backward(INDArray x, INDArray dy, Map<String, INDArray> parameterGradients) {
        INDArray positive = Transforms.step(x, true);
        INDArray alphaGradient = parameterGradients.get(ChannelPRelu.ALPHA);
        alphaGradient.assign(dy.mul(x).muli(positive.rsub(1)).sum(0, 2, 3).reshape(alphaGradient.shape()));
        return dy.mul(factor(positive));
    }
}
