package org.segprune.model;

import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's depthwise convolution with libnd4j's platform helpers (oneDNN) switched off while it runs, forward and
 * backward (see {@link DilatedDepthwiseConvolution2D}). The switch is process-wide: operations other threads run
 * meanwhile take the built-in kernels too, which are slower but compute the same; the lock keeps two of these
 * layers from switching it back under each other.
 */
public class DilatedDepthwiseConvolution2DLayer extends DepthwiseConvolution2DLayer {

    private static final Object HELPER_SWITCH = new Object();

    public DilatedDepthwiseConvolution2DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        return withoutPlatformHelpers(() -> super.preOutput(training, forBackprop, workspaceMgr));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return withoutPlatformHelpers(() -> super.backpropGradient(epsilon, workspaceMgr));
    }

    private static <T> T withoutPlatformHelpers(Supplier<T> operation) {
        synchronized (HELPER_SWITCH) {
            Environment environment = Nd4j.getEnvironment();
            boolean allowed = environment.helpersAllowed();
            environment.allowHelpers(false);
            try {
                return operation.get();
            } finally {
                environment.allowHelpers(allowed);
            }
        }
    }
}
