package org.segprune.graph;

import org.deeplearning4j.nn.conf.graph.MergeVertex;

/** Concatenation along the channel axis (DL4J's default merge axis 1). */
final class MergeRule implements ChannelRule {

    private static final ChannelRule CONCATENATE = new MergeRule();

    private MergeRule() {
    }

    static ChannelRule of(MergeVertex vertex) {
        return vertex.getMergeAxis() == 1 ? CONCATENATE
                : OpaqueRule.vertex("concatenation along axis " + vertex.getMergeAxis() + ", not the channel axis 1");
    }

    @Override
    public Treatment treatment() {
        return Treatment.CONCATENATE;
    }
}
