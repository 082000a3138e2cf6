package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.Collection;

import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A combo box choosing one of a fixed list of strings for a string model. */
public final class DialogComponentStringSelection extends DialogComponent {

    private final JComboBox<String> m_combobox = new JComboBox<>();

    /** @throws IllegalArgumentException if the list is null or empty */
    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final String... list) {
        this(stringModel, label, list == null ? null : Arrays.asList(list));
    }

    /** @throws IllegalArgumentException if the list is null or empty */
    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final Collection<String> list) {
        super(stringModel);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("Selection list of options shouldn't be null or empty");
        }
        list.forEach(m_combobox::addItem);
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(m_combobox);
        stringModel.addChangeListener(e -> updateComponent());
        updateComponent();
    }

    /** Replaces the choices and selects {@code select} (or the first item if it is not among them). */
    public void replaceListItems(final Collection<String> newItems, final String select) {
        if (newItems == null || newItems.isEmpty()) {
            throw new IllegalArgumentException("The container with the new items can't be null or empty.");
        }
        m_combobox.removeAllItems();
        newItems.forEach(m_combobox::addItem);
        String sel = select != null && newItems.contains(select) ? select : newItems.iterator().next();
        m_combobox.setSelectedItem(sel);
        ((SettingsModelString)getModel()).setStringValue(sel);
    }

    @Override
    protected void updateComponent() {
        String value = ((SettingsModelString)getModel()).getStringValue();
        if (value != null && !value.equals(m_combobox.getSelectedItem())) {
            m_combobox.setSelectedItem(value);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        Object selected = m_combobox.getSelectedItem();
        if (selected == null) {
            throw new InvalidSettingsException("Please select an item from the list.");
        }
        ((SettingsModelString)getModel()).setStringValue(selected.toString());
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // any input is fine
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_combobox.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_combobox.setToolTipText(text);
    }
}
