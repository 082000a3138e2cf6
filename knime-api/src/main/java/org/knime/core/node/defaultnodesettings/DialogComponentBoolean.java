package org.knime.core.node.defaultnodesettings;

import javax.swing.JCheckBox;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A check box for a boolean model. */
public final class DialogComponentBoolean extends DialogComponent {

    private final JCheckBox m_checkbox;

    public DialogComponentBoolean(final SettingsModelBoolean booleanModel, final String label) {
        super(booleanModel);
        m_checkbox = new JCheckBox(label);
        m_checkbox.addItemListener(e -> booleanModel.setBooleanValue(m_checkbox.isSelected()));
        getComponentPanel().add(m_checkbox);
        booleanModel.addChangeListener(e -> updateComponent());
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        boolean value = ((SettingsModelBoolean)getModel()).getBooleanValue();
        if (m_checkbox.isSelected() != value) {
            m_checkbox.setSelected(value);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        ((SettingsModelBoolean)getModel()).setBooleanValue(m_checkbox.isSelected());
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // any input is fine
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_checkbox.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_checkbox.setToolTipText(text);
    }
}
