package org.segprune.report;

import java.util.List;
import org.segprune.train.EpochRecord;

/** Plain records the plots read; {@code compare} (or anything else) fills them. */
public final class PlotData {

    private PlotData() {
    }

    /**
     * One pruned model: a method at a budget for one seed.
     *
     * @param budget the requested fraction of parameters to keep (groups the seeds of one point)
     * @param paramsLeft the fraction actually left (pruned / base parameters), in (0, 1]
     */
    public record BudgetResult(String method, double budget, long seed, double paramsLeft, double diceBefore,
            double diceAfter) {
    }

    /**
     * Kept channels per prunable layer of one method's pruned model.
     *
     * @param layers layer names in network order
     * @param kept kept channels per layer; {@code before} the layer's channels in the base model
     */
    public record ChannelProfile(String method, List<String> layers, int[] kept, int[] before) {
    }

    /** One training run's epochs (fine-tuning or base training). */
    public record Curve(String label, List<EpochRecord> epochs) {
    }
}
