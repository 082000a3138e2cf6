package org.segprune.knime.nodes.pruner;

import org.segprune.knime.nodes.SettingsAdapter;
import org.segprune.node.FilterPrunerSettings;

/** The Filter Pruner's settings (defined by the engine's {@link FilterPrunerSettings}) as settings models. */
final class FilterPrunerNodeSettings extends SettingsAdapter<FilterPrunerSettings> {

    FilterPrunerNodeSettings() {
        super(FilterPrunerSettings.SCHEMA, FilterPrunerSettings::from);
    }
}
