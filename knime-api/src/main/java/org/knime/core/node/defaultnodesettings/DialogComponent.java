package org.knime.core.node.defaultnodesettings;

import java.awt.Color;

import javax.swing.JPanel;
import javax.swing.JTextField;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A labelled editor for one {@link SettingsModel} inside a {@link DefaultNodeSettingsPane}; loading and saving go
 * through the model.
 */
public abstract class DialogComponent {

    private final SettingsModel m_model;

    private final JPanel m_panel;

    private PortObjectSpec[] m_lastSpecs;

    /** @throws NullPointerException if the model is {@code null} */
    public DialogComponent(final SettingsModel model) {
        if (model == null) {
            throw new NullPointerException("SettingsModel can't be null.");
        }
        m_panel = new JPanel();
        m_model = model;
    }

    /** @return the panel holding this component's widgets */
    public JPanel getComponentPanel() {
        return m_panel;
    }

    public final SettingsModel getModel() {
        return m_model;
    }

    /** @return the spec of that port from the last load, or {@code null} */
    protected final PortObjectSpec getLastTableSpec(final int portID) {
        return m_lastSpecs == null ? null : m_lastSpecs[portID];
    }

    protected final PortObjectSpec[] getLastTableSpecs() {
        return m_lastSpecs;
    }

    /** Called by the dialog pane: checks the specs, loads the model, updates the widgets. */
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        m_lastSpecs = specs;
        checkConfigurabilityBeforeLoad(specs);
        m_model.dlgLoadSettingsFrom(settings, specs);
        updateComponent();
    }

    /** Shows the model's value and enabled state in the widgets. */
    protected abstract void updateComponent();

    /** Called by the dialog pane: commits the widgets to the model and saves the model. */
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        try {
            validateSettingsBeforeSave();
        } catch (InvalidSettingsException ise) {
            if (m_model.isEnabled()) {
                throw ise;
            }
        }
        m_model.dlgSaveSettingsTo(settings);
    }

    /** Commits the entered value to the model; throws if it is invalid. */
    protected abstract void validateSettingsBeforeSave() throws InvalidSettingsException;

    /** Rejects specs the component can't work with (prevents the dialog from opening). */
    protected abstract void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs)
        throws NotConfigurableException;

    /** @deprecated enable/disable the {@link SettingsModel} instead */
    @Deprecated
    public final void setEnabled(final boolean enabled) {
        m_model.setEnabled(enabled);
        setEnabledComponents(enabled);
        getComponentPanel().setEnabled(enabled);
    }

    protected abstract void setEnabledComponents(final boolean enabled);

    /** Marks the field red (if the model is enabled). */
    protected void showError(final JTextField field) {
        if (!getModel().isEnabled()) {
            return;
        }
        if (field.getText().isEmpty()) {
            field.setBackground(Color.RED);
        } else {
            field.setForeground(Color.RED);
        }
    }

    /** Restores the field's default colors. */
    protected void clearError(final JTextField field) {
        JTextField defaults = new JTextField();
        field.setForeground(defaults.getForeground());
        field.setBackground(defaults.getBackground());
    }

    public abstract void setToolTipText(final String text);
}
