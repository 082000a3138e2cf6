package org.segprune.graph;

/**
 * A feature map times one gate map shared by all its channels ({@link org.segprune.model.SpatialGate}): a zero channel
 * of the map stays zero, so the output has the map's channels; the gate's single channel is never pruned.
 */
final class SpatialGateRule implements ChannelRule {

    static final ChannelRule INSTANCE = new SpatialGateRule();

    private SpatialGateRule() {
    }

    @Override
    public Treatment treatment() {
        return Treatment.SPATIAL_GATE;
    }
}
