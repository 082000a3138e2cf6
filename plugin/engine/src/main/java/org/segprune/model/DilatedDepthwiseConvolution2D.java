package org.segprune.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A depthwise convolution with dilation above 1 (MobileNetV3 backbones of DeepLabV3 and LR-ASPP use them). In
 * DL4J 1.0.0-M2.1 libnd4j's oneDNN kernel for {@code depthwise_conv2d} fails on every dilated depthwise
 * convolution ("could not create a descriptor for a dilated convolution forward propagation primitive",
 * measured for kernels 3 and 5, dilations 2 and 4, 8x8 to 64x64 maps); its built-in kernel computes it
 * correctly. This layer runs the same parameters and operation with libnd4j's platform helpers off
 * ({@link DilatedDepthwiseConvolution2DLayer}). Saved in the model JSON by class name.
 */
public class DilatedDepthwiseConvolution2D extends DepthwiseConvolution2D {

    /** For deserialisation only. */
    public DilatedDepthwiseConvolution2D() {
    }

    /** The layer {@code builder} describes, run without oneDNN. */
    public DilatedDepthwiseConvolution2D(DepthwiseConvolution2D.Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("DilatedDepthwiseConvolution2D", getLayerName(), layerIndex, getNIn(), getNOut());
        DilatedDepthwiseConvolution2DLayer layer = new DilatedDepthwiseConvolution2DLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
