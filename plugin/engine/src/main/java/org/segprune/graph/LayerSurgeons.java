package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.segprune.model.BilinearResize;

/**
 * The table of layer surgeons by exact layer class. A class that is not registered (including
 * subclasses such as separable or depthwise convolutions, whose parameters differ) is opaque.
 */
public final class LayerSurgeons {

    private static final Map<Class<? extends Layer>, LayerSurgeon> BY_CLASS = new LinkedHashMap<>();
    private static final LayerSurgeon OPAQUE = new OpaqueSurgeon();

    static {
        LayerSurgeon passThrough = new PassThroughSurgeon();
        register(ConvolutionLayer.class, new ConvolutionSurgeon());
        register(Deconvolution2D.class, new DeconvolutionSurgeon());
        register(BatchNormalization.class, new BatchNormSurgeon());
        register(ActivationLayer.class, passThrough);
        register(SubsamplingLayer.class, passThrough);
        register(Upsampling2D.class, passThrough);
        register(DropoutLayer.class, passThrough);
        register(ZeroPaddingLayer.class, passThrough);
        register(Cropping2D.class, passThrough);
        register(GlobalPoolingLayer.class, passThrough);
        register(CnnLossLayer.class, passThrough);
        register(BilinearResize.class, passThrough);
    }

    private LayerSurgeons() {
    }

    /** Registers (or replaces) the surgeon of one layer class, e.g. an engine-defined custom layer. */
    public static synchronized void register(Class<? extends Layer> layerClass, LayerSurgeon surgeon) {
        BY_CLASS.put(layerClass, surgeon);
    }

    public static synchronized LayerSurgeon of(Layer layer) {
        return BY_CLASS.getOrDefault(layer.getClass(), OPAQUE);
    }
}
