package org.segprune.graph;

import java.util.List;

/**
 * Channels that must be pruned together: the output channels of one producer layer, or of several
 * producers coupled by element-wise vertices (residual adds). {@code prunable} is false, with a
 * reason, for the network input, the head and anything feeding a layer SegPrune cannot cut.
 */
public record ChannelGroup(int id, List<String> producers, int channels, boolean prunable, String reason) {
}
