package org.segprune.knime.nodes.datareader;

import org.segprune.knime.nodes.SettingsPane;

/** Dialog of the Segmentation Data Reader. */
final class DataReaderNodeDialog extends SettingsPane {

    DataReaderNodeDialog() {
        super(new DataReaderNodeSettings());
    }
}
