package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.segprune.model.BilinearResize;
import org.segprune.model.ChannelPRelu;
import org.segprune.model.InstanceNormalization;
import org.segprune.model.DilatedDepthwiseConvolution2D;
import org.segprune.model.SpatialGate;

/**
 * The one table of channel rules, by exact layer or vertex class: adding a layer type means one rule
 * class and one line here. A class that is not registered (including subclasses such as separable or
 * depthwise convolutions, whose parameters differ) is opaque, with the reason saying so.
 */
public final class ChannelRules {

    private static final Map<Class<?>, Function<Object, ChannelRule>> LAYERS = new LinkedHashMap<>();
    private static final Map<Class<?>, Function<Object, ChannelRule>> VERTICES = new LinkedHashMap<>();

    static {
        layer(ConvolutionLayer.class, ConvolutionRule::standard);
        layer(Deconvolution2D.class, ConvolutionRule::transposed);
        layer(DepthwiseConvolution2D.class, ConvolutionRule::depthwise);
        layer(DilatedDepthwiseConvolution2D.class, ConvolutionRule::depthwise);
        layer(BatchNormalization.class, BatchNormRule::new);
        layer(InstanceNormalization.class, layer -> new ChannelwiseRule(layer, true));
        layer(ChannelPRelu.class, layer -> new ChannelwiseRule(layer, false));
        layer(ActivationLayer.class, layer -> PassThroughRule.IN_PLACE);
        layer(DropoutLayer.class, layer -> PassThroughRule.IN_PLACE);
        layer(SubsamplingLayer.class, layer -> PassThroughRule.REGRID);
        layer(Upsampling2D.class, layer -> PassThroughRule.REGRID);
        layer(ZeroPaddingLayer.class, layer -> PassThroughRule.REGRID);
        layer(Cropping2D.class, layer -> PassThroughRule.REGRID);
        layer(GlobalPoolingLayer.class, layer -> PassThroughRule.REGRID);
        layer(CnnLossLayer.class, layer -> PassThroughRule.REGRID);
        layer(BilinearResize.class, layer -> PassThroughRule.REGRID);
        vertex(MergeVertex.class, MergeRule::of);
        vertex(ElementWiseVertex.class, ElementWiseRule::of);
        vertex(SpatialGate.class, vertex -> SpatialGateRule.INSTANCE);
        vertex(ScaleVertex.class, vertex -> PassThroughRule.REGRID);
        vertex(ShiftVertex.class, vertex -> PassThroughRule.REGRID);
        vertex(L2NormalizeVertex.class, vertex -> PassThroughRule.REGRID);
    }

    private ChannelRules() {
    }

    /** Registers (or replaces) the rule of one layer class, e.g. an engine-defined custom layer. */
    public static synchronized <L extends Layer> void layer(Class<L> type, Function<? super L, ChannelRule> rule) {
        LAYERS.put(type, config -> rule.apply(type.cast(config)));
    }

    /** Registers (or replaces) the rule of one graph vertex class. */
    public static synchronized <V extends GraphVertex> void vertex(Class<V> type, Function<? super V, ChannelRule> rule) {
        VERTICES.put(type, config -> rule.apply(type.cast(config)));
    }

    /** The rule of a layer configuration, bound to it. */
    public static synchronized ChannelRule of(Layer layer) {
        Function<Object, ChannelRule> rule = LAYERS.get(layer.getClass());
        return rule != null ? rule.apply(layer)
                : OpaqueRule.of(layer, "layer type " + layer.getClass().getSimpleName() + " is not supported");
    }

    /** The layer configuration of a layer vertex, or null for any other vertex. */
    public static Layer layerOf(GraphVertex vertex) {
        return vertex instanceof LayerVertex layerVertex ? layerVertex.getLayerConf().getLayer() : null;
    }

    /**
     * The rule of a graph vertex, bound to its configuration. A layer with an input preprocessor is
     * opaque: preprocessors reshape or permute what the layer reads, so channel indices may not line up.
     */
    public static synchronized ChannelRule of(GraphVertex vertex) {
        if (vertex instanceof LayerVertex layerVertex) {
            Layer layer = layerVertex.getLayerConf().getLayer();
            if (layerVertex.getPreProcessor() != null) {
                return OpaqueRule.of(layer, "input preprocessor " + layerVertex.getPreProcessor().getClass().getSimpleName()
                        + " of " + layer.getClass().getSimpleName() + " is not supported");
            }
            return of(layer);
        }
        Function<Object, ChannelRule> rule = VERTICES.get(vertex.getClass());
        return rule != null ? rule.apply(vertex)
                : OpaqueRule.vertex("vertex type " + vertex.getClass().getSimpleName() + " is not supported");
    }
}
