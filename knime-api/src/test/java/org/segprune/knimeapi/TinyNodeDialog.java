package org.segprune.knimeapi;

import org.knime.core.data.DoubleValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;

/** A DefaultNodeSettingsPane dialog for {@link TinyNodeModel}. */
final class TinyNodeDialog extends DefaultNodeSettingsPane {

    TinyNodeDialog() {
        createNewGroup("Scaling");
        addDialogComponent(new DialogComponentColumnNameSelection(TinyNodeModel.createColumn(), "Column", 0,
            DoubleValue.class));
        addDialogComponent(new DialogComponentNumber(TinyNodeModel.createFactor(), "Factor", 0.5));
        closeCurrentGroup();
    }
}
