package org.segprune.score;

import org.segprune.data.SegmentationDataset;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;

/** Everything a scorer may use; {@code data} is null when the caller has none (magnitude scores need none). */
public record ScoringRequest(SegmentationModel model, ChannelGraph channels, SegmentationDataset data,
        ScoringSettings settings, Progress progress) {
}
