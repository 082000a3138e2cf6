package org.segprune.knime.nodes.pruner;

import org.segprune.knime.nodes.SettingsPane;

/** Dialog of the Filter Pruner. */
final class FilterPrunerNodeDialog extends SettingsPane {

    FilterPrunerNodeDialog() {
        super(new FilterPrunerNodeSettings());
    }
}
