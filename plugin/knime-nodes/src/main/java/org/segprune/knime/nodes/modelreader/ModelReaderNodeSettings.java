package org.segprune.knime.nodes.modelreader;

import org.segprune.knime.nodes.SettingsAdapter;
import org.segprune.node.ModelReaderSettings;

/** The Model Reader's settings (defined by the engine's {@link ModelReaderSettings}) as settings models. */
final class ModelReaderNodeSettings extends SettingsAdapter<ModelReaderSettings> {

    ModelReaderNodeSettings() {
        super(ModelReaderSettings.SCHEMA, ModelReaderSettings::from);
    }
}
