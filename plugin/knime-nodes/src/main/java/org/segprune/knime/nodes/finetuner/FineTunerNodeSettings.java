package org.segprune.knime.nodes.finetuner;

import org.segprune.knime.nodes.SettingsAdapter;
import org.segprune.node.FineTunerSettings;

/** The Fine-Tuner's settings (defined by the engine's {@link FineTunerSettings}) as settings models. */
final class FineTunerNodeSettings extends SettingsAdapter<FineTunerSettings> {

    FineTunerNodeSettings() {
        super(FineTunerSettings.SCHEMA, FineTunerSettings::from);
    }
}
