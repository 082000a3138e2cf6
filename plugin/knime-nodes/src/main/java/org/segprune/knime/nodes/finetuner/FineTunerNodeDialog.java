package org.segprune.knime.nodes.finetuner;

import org.segprune.knime.nodes.SettingsPane;

/** Dialog of the Fine-Tuner. */
final class FineTunerNodeDialog extends SettingsPane {

    FineTunerNodeDialog() {
        super(new FineTunerNodeSettings());
    }
}
