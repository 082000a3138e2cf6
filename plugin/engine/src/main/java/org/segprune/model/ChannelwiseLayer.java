package org.segprune.model;

import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.segprune.util.SegPruneException;

/**
 * The configuration shared by SegPrune's own layers that keep an NCHW input's shape and hold one value per channel
 * per parameter ({@link ChannelParams}), free of weight decay: instance norm and PReLU. Saved in the model JSON by
 * class name and channel count.
 */
public abstract class ChannelwiseLayer extends FeedForwardLayer {

    protected ChannelwiseLayer() {
        // no activation of their own: the network builder's default (sigmoid) must not apply
        this.activationFn = new ActivationIdentity();
    }

    protected ChannelwiseLayer(long channels) {
        this();
        this.nIn = channels;
        this.nOut = channels;
    }

    /** The layer that computes this configuration. */
    protected abstract BaseLayer<?> create(NeuralNetConfiguration conf, DataType dataType);

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        BaseLayer<?> layer = create(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType.getType() != InputType.Type.CNN) {
            throw new SegPruneException(getClass().getSimpleName() + " '" + getLayerName()
                    + "' needs a convolutional (NCHW) input, got " + inputType);
        }
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeConvolutional) inputType).getChannels();
            nOut = nIn;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, inputType).standardMemory(params, params)
                .workingMemory(0, 2 * inputType.arrayElementsPerExample(), MemoryReport.CACHE_MODE_ALL_ZEROS,
                        MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS).build();
    }
}
