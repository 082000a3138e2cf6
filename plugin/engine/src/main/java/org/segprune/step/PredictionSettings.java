package org.segprune.step;

import org.segprune.runtime.InferenceRuntime;

/**
 * The settings of a step that predicts masks (Evaluator, Predictor): {@link SettingDef#predictionBatchSize()},
 * {@link SettingDef#runtime()} and {@link SettingDef#threads()}, which its schema declares.
 */
abstract class PredictionSettings extends SettingsBase {

    PredictionSettings(SettingValues values) {
        super(values);
    }

    public InferenceRuntime runtime() {
        return InferenceRuntime.of(values.string(SettingDef.RUNTIME));
    }

    /** The thread-count setting: 0 for every core. */
    public int threads() {
        return values.integer(SettingDef.THREADS);
    }

    public int batchSize() {
        return values.integer(SettingDef.PREDICTION_BATCH_SIZE);
    }
}
