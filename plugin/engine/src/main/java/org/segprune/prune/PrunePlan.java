package org.segprune.prune;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What a pruning step removes: per producer layer the channels before and the kept indices, and the
 * parameter counts before and after. {@code scoreScale} is how a global budget compared the layers'
 * scores ("layer-max" or "raw"; "local" for a local ratio, which compares within layers only). Written as JSON beside the pruned model.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PrunePlan(String method, String mode, double value, int minChannels, String scoreScale, long paramsBefore,
        long paramsAfter,
        double paramsFraction, List<LayerPlan> layers) {

    /** One pruned (or kept) producer layer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LayerPlan(String layer, int group, int channelsBefore, int channelsAfter, int[] kept) {
    }
}
