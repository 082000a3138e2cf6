package org.segprune.knime.nodes.evaluator;

import org.segprune.knime.nodes.SettingsPane;

/** Dialog of the Segmentation Evaluator. */
final class EvaluatorNodeDialog extends SettingsPane {

    EvaluatorNodeDialog() {
        super(new EvaluatorNodeSettings());
    }
}
