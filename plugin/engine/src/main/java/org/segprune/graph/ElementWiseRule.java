package org.segprune.graph;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;

/**
 * Add, subtract, product and average keep a channel that is zero in every input zero, so their inputs'
 * channels are pruned together. Max stays opaque until a zero-equivalence test covers it.
 */
final class ElementWiseRule implements ChannelRule {

    private static final ChannelRule COUPLE = new ElementWiseRule();

    private ElementWiseRule() {
    }

    static ChannelRule of(ElementWiseVertex vertex) {
        return vertex.getOp() == ElementWiseVertex.Op.Max ? OpaqueRule.vertex("element-wise " + vertex.getOp()) : COUPLE;
    }

    @Override
    public Treatment treatment() {
        return Treatment.COUPLE;
    }
}
