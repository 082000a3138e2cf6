package org.segprune.graph;

import org.deeplearning4j.nn.conf.layers.Layer;

/** Layers without parameters that keep the channels as they are. */
final class PassThroughSurgeon implements LayerSurgeon {

    @Override
    public Role role() {
        return Role.PASS_THROUGH;
    }

    @Override
    public long trainableParams(Layer layer, long in, long out) {
        return 0;
    }
}
