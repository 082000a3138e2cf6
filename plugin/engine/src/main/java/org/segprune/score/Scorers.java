package org.segprune.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.score.attention.AttentionMethod;
import org.segprune.score.attention.AttentionScorer;
import org.segprune.util.SegPruneException;

/** Every scoring method by name, in the order the product presents them. */
public final class Scorers {

    private static final Map<String, FilterScorer> BY_NAME = new LinkedHashMap<>();

    static {
        register(MagnitudeScorer.L1);
        register(MagnitudeScorer.L2);
        for (AttentionMethod method : AttentionMethod.values()) {
            register(new AttentionScorer(method));
        }
    }

    private Scorers() {
    }

    private static void register(FilterScorer scorer) {
        BY_NAME.put(scorer.name(), scorer);
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static List<FilterScorer> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** Whether the named method's scores are comparable across layers; false for unknown methods. */
    public static boolean comparableAcrossLayers(String name) {
        FilterScorer scorer = find(name);
        return scorer != null && scorer.comparableAcrossLayers();
    }

    private static FilterScorer find(String name) {
        return name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    public static FilterScorer byName(String name) {
        FilterScorer scorer = find(name);
        if (scorer == null) {
            throw new SegPruneException("unknown scoring method '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return scorer;
    }
}
