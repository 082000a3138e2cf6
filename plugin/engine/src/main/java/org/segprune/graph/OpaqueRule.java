package org.segprune.graph;

import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A layer or vertex SegPrune does not understand: it is never resized, its inputs' channels are kept
 * whole and its output is not prunable. A layer's parameters are counted by its own initializer.
 */
final class OpaqueRule implements ChannelRule {

    private final Layer layer;
    private final String reason;

    private OpaqueRule(Layer layer, String reason) {
        this.layer = layer;
        this.reason = reason;
    }

    static ChannelRule of(Layer layer, String reason) {
        return new OpaqueRule(layer, reason);
    }

    static ChannelRule vertex(String reason) {
        return new OpaqueRule(null, reason);
    }

    @Override
    public Treatment treatment() {
        return Treatment.OPAQUE;
    }

    @Override
    public String opaqueReason() {
        return reason;
    }

    @Override
    public long trainableParams(long in, long out) {
        return layer == null || layer.initializer() == null ? 0 : layer.initializer().numParams(layer);
    }
}
