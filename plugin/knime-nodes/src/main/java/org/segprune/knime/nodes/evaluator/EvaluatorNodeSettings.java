package org.segprune.knime.nodes.evaluator;

import org.segprune.knime.nodes.SettingsAdapter;
import org.segprune.node.EvaluatorSettings;

/** The Segmentation Evaluator's settings (defined by the engine's {@link EvaluatorSettings}) as settings models. */
final class EvaluatorNodeSettings extends SettingsAdapter<EvaluatorSettings> {

    EvaluatorNodeSettings() {
        super(EvaluatorSettings.SCHEMA, EvaluatorSettings::from);
    }
}
