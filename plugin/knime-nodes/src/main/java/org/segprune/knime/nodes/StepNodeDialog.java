package org.segprune.knime.nodes;

import javax.swing.JFileChooser;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelNumber;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.segprune.step.SettingDef;

/**
 * A classic dialog built from a node's settings definitions: one DefaultNodeSettingsPane component per
 * setting, in the definitions' order and groups, each with the setting's documentation as tool tip.
 * Settings that apply only for some value of another one are disabled otherwise.
 */
public final class StepNodeDialog extends DefaultNodeSettingsPane {

    /** @param settings the dialog's own settings models (a new adapter of the node's settings class) */
    StepNodeDialog(final SettingsAdapter settings) {
        String group = null;
        for (SettingDef def : settings.getSchema().defs()) {
            // a file chooser has no label of its own: its group's title names it
            String title = def.kind().isLocation() ? def.label() : def.group();
            if (!title.equals(group)) {
                if (group != null) {
                    closeCurrentGroup();
                }
                createNewGroup(title);
                group = title;
            }
            DialogComponent component = component(def, settings.getModel(def.key()));
            component.setToolTipText(def.doc());
            addDialogComponent(component);
        }
        if (group != null) {
            closeCurrentGroup();
        }
    }

    static DialogComponent component(final SettingDef def, final SettingsModel model) {
        return switch (def.kind()) {
            case INT -> new DialogComponentNumber((SettingsModelNumber)model, def.label(), 1);
            case DOUBLE -> new DialogComponentNumber((SettingsModelNumber)model, def.label(), step(def));
            case BOOLEAN -> new DialogComponentBoolean((SettingsModelBoolean)model, def.label());
            case CHOICE -> new DialogComponentStringSelection((SettingsModelString)model, def.label(), def.choices());
            case COLUMN -> new DialogComponentColumnNameSelection((SettingsModelString)model, def.label(),
                def.columnPort(), false, StringValue.class);
            case FOLDER -> new DialogComponentFileChooser((SettingsModelString)model, "segprune." + def.key(),
                JFileChooser.OPEN_DIALOG, true);
            case OUTPUT_FOLDER -> new DialogComponentFileChooser((SettingsModelString)model, "segprune." + def.key(),
                JFileChooser.SAVE_DIALOG, true);
            case FILE -> new DialogComponentFileChooser((SettingsModelString)model, "segprune." + def.key(), ".zip");
            case OUTPUT_FILE -> new DialogComponentFileChooser((SettingsModelString)model, "segprune." + def.key(),
                JFileChooser.SAVE_DIALOG, ".zip");
            default -> new DialogComponentString((SettingsModelString)model, def.label());
        };
    }

    /** A spinner step of about a tenth of the default (0.01 for fractions). */
    private static double step(final SettingDef def) {
        double value = Math.abs(Double.parseDouble(def.defaultValue()));
        if (value == 0 || value >= 0.1) {
            return value >= 1 ? 0.1 : 0.01;
        }
        return Math.pow(10, Math.floor(Math.log10(value)) - 1);
    }
}
