package org.segprune.model;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Instance normalisation of NCHW feature maps, as ONNX's InstanceNormalization and PyTorch's {@code InstanceNorm2d}
 * (MONAI's U-Nets use it by default): every image's every channel is normalised by its own mean and variance over
 * height and width, then scaled by gamma and shifted by beta (one each per channel). DL4J has no such layer; this
 * one ({@link InstanceNormalizationLayer}) computes the same with its exact gradient, in training and inference alike
 * (there are no running statistics). Saved in the model JSON by class name, channel count and epsilon.
 */
public class InstanceNormalization extends ChannelwiseLayer {

    static final String GAMMA = "gamma";
    static final String BETA = "beta";
    private static final ChannelParams PARAMS = new ChannelParams(new String[] {GAMMA, BETA}, new double[] {1, 0});

    private double eps = 1e-5;

    /** For deserialisation only. */
    public InstanceNormalization() {
    }

    public InstanceNormalization(long channels, double eps) {
        super(channels);
        this.eps = eps;
    }

    public double getEps() {
        return eps;
    }

    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    protected BaseLayer<?> create(NeuralNetConfiguration conf, DataType dataType) {
        return new InstanceNormalizationLayer(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return PARAMS;
    }
}
