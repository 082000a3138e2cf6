package org.segprune.knime.nodes.datareader;

import org.segprune.knime.nodes.SettingsAdapter;
import org.segprune.node.DataReaderSettings;

/** The Segmentation Data Reader's settings (defined by the engine's {@link DataReaderSettings}) as settings models. */
final class DataReaderNodeSettings extends SettingsAdapter<DataReaderSettings> {

    DataReaderNodeSettings() {
        super(DataReaderSettings.SCHEMA, DataReaderSettings::from);
    }
}
