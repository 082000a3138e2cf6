package org.segprune.model;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * PReLU on NCHW feature maps with one slope per channel (ONNX's PRelu with slopes [C, 1, 1]; MONAI's default
 * activation): y = x for x > 0, a_c x otherwise. DL4J's own PReLULayer computes the forward pass, but its
 * back-propagation fails in M2.1 for slopes shared over height and width (prelu_bp: "Op validation failed"), so
 * fine-tuning an imported model could not run; {@link ChannelPReluLayer} computes both.
 */
public class ChannelPRelu extends ChannelwiseLayer {

    static final String ALPHA = "alpha";
    private static final ChannelParams PARAMS = new ChannelParams(new String[] {ALPHA}, new double[] {0.25});

    /** For deserialisation only. */
    public ChannelPRelu() {
    }

    public ChannelPRelu(long channels) {
        super(channels);
    }

    @Override
    protected BaseLayer<?> create(NeuralNetConfiguration conf, DataType dataType) {
        return new ChannelPReluLayer(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return PARAMS;
    }
}
