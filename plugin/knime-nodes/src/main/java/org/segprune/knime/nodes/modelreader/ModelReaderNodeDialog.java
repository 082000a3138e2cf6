package org.segprune.knime.nodes.modelreader;

import org.segprune.knime.nodes.SettingsPane;

/** Dialog of the Model Reader. */
final class ModelReaderNodeDialog extends SettingsPane {

    ModelReaderNodeDialog() {
        super(new ModelReaderNodeSettings());
    }
}
