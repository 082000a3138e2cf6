package org.knime.core.node.defaultnodesettings;

import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JTextField;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A path field for a string model (KNIME adds a history combo box and a browse button). */
public class DialogComponentFileChooser extends DialogComponent {

    private final JTextField m_path = new JTextField(30);

    /** @param validExtensions suffixes such as ".png" (or "png") offered as filters */
    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final String... validExtensions) {
        this(stringModel, historyID, JFileChooser.OPEN_DIALOG, validExtensions);
    }

    /** @param dialogType {@link JFileChooser#OPEN_DIALOG} or {@link JFileChooser#SAVE_DIALOG} */
    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final String... validExtensions) {
        this(stringModel, historyID, dialogType, false, validExtensions);
    }

    /** @param directoryOnly whether directories rather than files are chosen */
    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final boolean directoryOnly, final String... validExtensions) {
        super(stringModel);
        getComponentPanel().add(new JLabel(directoryOnly ? "Folder:" : "File:"));
        getComponentPanel().add(m_path);
        stringModel.addChangeListener(e -> updateComponent());
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        String value = ((SettingsModelString)getModel()).getStringValue();
        String text = value == null ? "" : value;
        if (!text.equals(m_path.getText())) {
            m_path.setText(text);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String text = m_path.getText().trim();
        if (text.isEmpty()) {
            showError(m_path);
            throw new InvalidSettingsException("Please specify a location");
        }
        ((SettingsModelString)getModel()).setStringValue(text);
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // any input is fine
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_path.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_path.setToolTipText(text);
    }
}
