package org.segprune.graph;

import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A layer type SegPrune does not know: it is never resized, its input channels are kept whole and
 * its output is not prunable. Parameters are counted from its own parameter initializer.
 */
final class OpaqueSurgeon implements LayerSurgeon {

    @Override
    public Role role() {
        return Role.OPAQUE;
    }

    @Override
    public long trainableParams(Layer layer, long in, long out) {
        return layer.initializer() == null ? 0 : layer.initializer().numParams(layer);
    }
}
