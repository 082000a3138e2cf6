package org.segprune.step;

import java.util.List;
import java.util.Map;
import org.segprune.prune.PruneSettings;

/** Settings of the Filter Pruner: local ratio or global parameter budget, and the channels every layer keeps. */
public final class FilterPrunerSettings extends SettingsBase {

    public static final String MODE = "mode";
    public static final String RATIO = "ratio";
    public static final String KEEP_PARAMS = "keep_params";
    public static final String MIN_CHANNELS = "min_channels";
    public static final String SCORE_SCALE = "score_scale";

    public static final SettingsSchema SCHEMA = new SettingsSchema("Filter Pruner", List.of(
            SettingDef.choice(MODE, "Mode", RATIO, List.of(RATIO, KEEP_PARAMS),
                    List.of("local ratio: every prunable layer loses the same share of its filters, the lowest-scoring "
                                    + "first",
                            "global budget: filters are compared across layers (see Score scale) and the lowest are "
                                    + "removed until the trainable parameters fit the budget"),
                    "How much to prune."),
            SettingDef.real(RATIO, "Ratio", 0.5, 0.01, 0.99,
                    "Local ratio p: every prunable layer loses round(p x C) of its C filters (keeping at least the "
                            + "minimum).").enabledWhen(MODE, RATIO),
            SettingDef.real(KEEP_PARAMS, "Keep parameters", 0.25, 0.01, 0.99,
                    "Global budget f: keep at most this fraction of the trainable parameters. A budget that could only "
                            + "be met by removing whole layers is rejected, naming the smallest reachable fraction.")
                    .enabledWhen(MODE, KEEP_PARAMS),
            SettingDef.integer(MIN_CHANNELS, "Minimum channels", org.segprune.prune.PruneSettings.DEFAULT_MIN_CHANNELS, 1, 4096,
                    "Every prunable layer keeps at least this many filters (its highest-scoring ones)."),
            SettingDef.choice(SCORE_SCALE, "Score scale", PruneSettings.ScoreScale.AUTO.id(),
                    List.of(PruneSettings.ScoreScale.AUTO.id(), PruneSettings.ScoreScale.LAYER_MAX.id(),
                            PruneSettings.ScoreScale.RAW.id()),
                    List.of("se, cbam, saca and sbca scores (gates, all on one scale) are compared as they are; l1, "
                                    + "l2 and eca scores are divided by their layer's maximum",
                            "every layer's scores are divided by the layer's maximum (the paper's rule)",
                            "scores are compared as they are"),
                    "How the global budget compares scores of different layers. Dividing by the layer's maximum "
                            + "hides that an attention module switched a whole layer down.").enabledWhen(MODE, KEEP_PARAMS)));

    private final PruneSettings prune;

    private FilterPrunerSettings(SettingValues values) {
        super(values);
        int min = values.integer(MIN_CHANNELS);
        this.prune = (values.string(MODE).equals(RATIO) ? PruneSettings.ratio(values.real(RATIO), min)
                : PruneSettings.keepParams(values.real(KEEP_PARAMS), min))
                .withScoreScale(PruneSettings.ScoreScale.byId(values.string(SCORE_SCALE)));
    }

    public static FilterPrunerSettings from(Map<String, String> raw) {
        return new FilterPrunerSettings(SCHEMA.parse(raw));
    }

    public PruneSettings prune() {
        return prune;
    }
}
