package org.knime.core.node.defaultnodesettings;

import javax.swing.JLabel;
import javax.swing.JTextField;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A text field for a string model. */
public final class DialogComponentString extends DialogComponent {

    private final JTextField m_valueField;

    private final boolean m_disallowEmtpy;

    public DialogComponentString(final SettingsModelString stringModel, final String label) {
        this(stringModel, label, false, 12);
    }

    /** @param disallowEmptyString if set, saving an empty string fails */
    public DialogComponentString(final SettingsModelString stringModel, final String label,
        final boolean disallowEmptyString, final int compWidth) {
        super(stringModel);
        m_disallowEmtpy = disallowEmptyString;
        m_valueField = new JTextField(compWidth);
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(m_valueField);
        stringModel.addChangeListener(e -> updateComponent());
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        String value = ((SettingsModelString)getModel()).getStringValue();
        String text = value == null ? "" : value;
        if (!text.equals(m_valueField.getText())) {
            m_valueField.setText(text);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String text = m_valueField.getText();
        if (m_disallowEmtpy && text.isEmpty()) {
            showError(m_valueField);
            throw new InvalidSettingsException("Please enter a string value.");
        }
        ((SettingsModelString)getModel()).setStringValue(text);
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // any input is fine
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_valueField.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_valueField.setToolTipText(text);
    }
}
