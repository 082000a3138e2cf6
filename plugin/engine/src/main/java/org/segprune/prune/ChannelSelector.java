package org.segprune.prune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.score.ScoreTable;
import org.segprune.util.SegPruneException;

/**
 * Turns scores and a budget into the channels to keep per group (METHOD.md, "Pruning"). Coupled
 * producers' scores are averaged; a global budget compares scores divided by their group's maximum
 * (or as they are, per {@link PruneSettings.ScoreScale}) and removes the lowest network-wide until the
 * parameter fraction is reached.
 */
public final class ChannelSelector {

    private ChannelSelector() {
    }

    /** Kept channel indices (ascending) per prunable group id. */
    public static Map<Integer, int[]> select(ChannelGraph graph, ScoreTable scores, PruneSettings settings) {
        Map<Integer, double[]> groupScores = groupScores(graph, scores);
        if (groupScores.isEmpty()) {
            throw new SegPruneException("the model has no prunable layers");
        }
        return settings.mode() == PruneSettings.Mode.RATIO
                ? local(groupScores, settings)
                : global(graph, groupScores, settings, settings.scoreScale().dividesByLayerMax(scores.method()));
    }

    static Map<Integer, double[]> groupScores(ChannelGraph graph, ScoreTable scores) {
        Map<Integer, double[]> byGroup = new LinkedHashMap<>();
        for (ChannelGroup group : graph.prunableGroups()) {
            double[] mean = new double[group.channels()];
            for (String producer : group.producers()) {
                double[] values = scores.scores(producer);
                if (values == null) {
                    throw new SegPruneException("the scores do not cover layer '" + producer + "' (scored with '"
                            + scores.method() + "' for another model?)");
                }
                if (values.length != group.channels()) {
                    throw new SegPruneException("layer '" + producer + "' has " + group.channels() + " filters but the scores give "
                            + values.length);
                }
                for (int c = 0; c < mean.length; c++) {
                    mean[c] += values[c] / group.producers().size();
                }
            }
            byGroup.put(group.id(), mean);
        }
        return byGroup;
    }

    private static Map<Integer, int[]> local(Map<Integer, double[]> groupScores, PruneSettings settings) {
        Map<Integer, int[]> kept = new LinkedHashMap<>();
        groupScores.forEach((group, values) -> {
            int remove = (int) Math.round(settings.value() * values.length);
            int keep = Math.max(Math.min(settings.minChannels(), values.length), values.length - remove);
            kept.put(group, topChannels(values, keep));
        });
        return kept;
    }

    private record Candidate(int group, int channel, double score) {
    }

    private static Map<Integer, int[]> global(ChannelGraph graph, Map<Integer, double[]> groupScores, PruneSettings settings,
            boolean divideByLayerMax) {
        List<Candidate> candidates = new ArrayList<>();
        groupScores.forEach((group, values) -> {
            double max = IntStream.range(0, values.length).mapToDouble(c -> values[c]).max().orElse(0);
            int protectedCount = Math.min(settings.minChannels(), values.length);
            int[] protectedChannels = topChannels(values, protectedCount);
            for (int c = 0; c < values.length; c++) {
                if (java.util.Arrays.binarySearch(protectedChannels, c) < 0) {
                    candidates.add(new Candidate(group, c, !divideByLayerMax ? values[c] : max > 0 ? values[c] / max : 0));
                }
            }
        });
        candidates.sort(Comparator.comparingDouble(Candidate::score).thenComparingInt(Candidate::group)
                .thenComparingInt(Candidate::channel));
        long base = graph.totals(graph.currentChannels()).trainableParams();
        double target = settings.value() * base;
        if (paramsAfterRemoving(graph, candidates, candidates.size()) > target) {
            long floor = paramsAfterRemoving(graph, candidates, candidates.size());
            throw new SegPruneException(String.format(Locale.ROOT,
                    "keep-params %.4g cannot be reached without removing whole layers: with %d channel(s) per layer the model "
                            + "still keeps %.2f%% of its parameters",
                    settings.value(), settings.minChannels(), 100.0 * floor / base));
        }
        int low = 0;
        int high = candidates.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (paramsAfterRemoving(graph, candidates, mid) <= target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        Map<Integer, boolean[]> removed = new HashMap<>();
        groupScores.forEach((group, values) -> removed.put(group, new boolean[values.length]));
        candidates.subList(0, low).forEach(c -> removed.get(c.group())[c.channel()] = true);
        Map<Integer, int[]> kept = new LinkedHashMap<>();
        removed.forEach((group, flags) -> kept.put(group, IntStream.range(0, flags.length).filter(c -> !flags[c]).toArray()));
        return kept;
    }

    private static long paramsAfterRemoving(ChannelGraph graph, List<Candidate> candidates, int count) {
        Map<Integer, Integer> channels = graph.currentChannels();
        for (int i = 0; i < count; i++) {
            channels.merge(candidates.get(i).group(), -1, Integer::sum);
        }
        return graph.totals(channels).trainableParams();
    }

    /** The {@code keep} highest-scoring channels, ascending by index; ties keep the lower index. */
    static int[] topChannels(double[] values, int keep) {
        return IntStream.range(0, values.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(c -> -values[c]).thenComparingInt(c -> c))
                .limit(keep).mapToInt(Integer::intValue).sorted().toArray();
    }
}
