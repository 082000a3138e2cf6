package org.segprune.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segprune.evaluate.Latency;

/** Settings of the Segmentation Evaluator. */
public final class EvaluatorSettings extends PredictionSettings {

    public static final String MODEL_NAME = "model_name";
    public static final String LATENCY_RUNS = "latency_runs";
    public static final String OVERLAYS = "overlays";

    /** Port of the image table among the node's inputs (0 is the model). */
    public static final int TABLE_PORT = 1;

    public static final SettingsSchema SCHEMA = new SettingsSchema("Segmentation Evaluator", defs());

    private static List<SettingDef> defs() {
        List<SettingDef> defs = new ArrayList<>(List.of(
                SettingDef.text(MODEL_NAME, "Model name", "",
                        "The name the metrics row gives the model; empty uses the architecture and parameter count."),
                SettingDef.predictionBatchSize(),
                SettingDef.integer(LATENCY_RUNS, "Latency runs", Latency.MIN_RUNS, Latency.MIN_RUNS, 100000,
                        "Timed batch-1 forward passes on random input after " + Latency.WARMUP
                                + " warm-up passes; the latency is their median."),
                SettingDef.bool(OVERLAYS, "Overlay images", true,
                        "Add a PNG column to the per-image table: the image, the true mask (green) and the prediction "
                                + "(red) side by side, at the model's input size.")));
        defs.addAll(ImageRows.defs(TABLE_PORT, DataReaderStep.TEST, "Images"));
        defs.add(SettingDef.runtime());
        defs.add(SettingDef.threads());
        return defs;
    }

    private final ImageRows rows;

    private EvaluatorSettings(SettingValues values) {
        super(values);
        this.rows = ImageRows.from(values);
    }

    public static EvaluatorSettings from(Map<String, String> raw) {
        return new EvaluatorSettings(SCHEMA.parse(raw));
    }

    public String modelName() {
        return values.string(MODEL_NAME);
    }

    public int latencyRuns() {
        return values.integer(LATENCY_RUNS);
    }

    public boolean overlays() {
        return values.bool(OVERLAYS);
    }

    public ImageRows rows() {
        return rows;
    }
}
