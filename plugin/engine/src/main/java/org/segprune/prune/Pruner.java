package org.segprune.prune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.model.SegmentationModel;
import org.segprune.score.ScoreTable;

/** Scores + budget -> a smaller model and its plan. */
public final class Pruner {

    /** The pruned model and what was removed. */
    public record Result(SegmentationModel model, PrunePlan plan) {
    }

    private Pruner() {
    }

    public static Result prune(SegmentationModel model, ScoreTable scores, PruneSettings settings) {
        ChannelGraph graph = ChannelGraph.of(model);
        Map<Integer, int[]> kept = ChannelSelector.select(graph, scores, settings);
        Map<Integer, Integer> channels = new HashMap<>(graph.currentChannels());
        kept.forEach((group, indices) -> channels.put(group, indices.length));
        long before = graph.totals(graph.currentChannels()).trainableParams();
        long after = graph.totals(channels).trainableParams();
        List<PrunePlan.LayerPlan> layers = new ArrayList<>();
        for (String layer : graph.prunableLayers()) {
            ChannelGroup group = graph.groupOf(layer);
            layers.add(new PrunePlan.LayerPlan(layer, group.id(), group.channels(), kept.get(group.id()).length,
                    kept.get(group.id())));
        }
        double fraction = after / (double) before;
        String step = String.format(Locale.ROOT, "pruned with %s, %s, min %d channels: %d -> %d params (%.2f%%)",
                scores.method(), settings.describe(), settings.minChannels(), before, after, 100 * fraction);
        PrunePlan plan = new PrunePlan(scores.method(), settings.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                settings.value(), settings.minChannels(), settings.mode() == PruneSettings.Mode.RATIO ? "local"
                        : settings.scoreScale().dividesByLayerMax(scores.method()) ? PruneSettings.ScoreScale.LAYER_MAX.id()
                        : PruneSettings.ScoreScale.RAW.id(),
                before, after, fraction, layers);
        return new Result(Surgery.apply(model, graph, kept, step), plan);
    }
}
