package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A combo box choosing a column of the table at input {@code specIndex} whose type is compatible with one of the
 * given value classes. A required selection makes the dialog refuse to open without such a column.
 */
public class DialogComponentColumnNameSelection extends DialogComponent {

    private static final String NONE = "<none>";

    private final JComboBox<String> m_chooser = new JComboBox<>();

    private final int m_specIndex;

    private final boolean m_isRequired;

    private final boolean m_addNoneCol;

    private final List<Class<? extends DataValue>> m_classFilter;

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, true, classFilter);
    }

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final boolean isRequired, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, isRequired, false, classFilter);
    }

    /** @param addNoneCol adds a "&lt;none&gt;" entry that stores {@code null} */
    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final boolean isRequired, final boolean addNoneCol,
        final Class<? extends DataValue>... classFilter) {
        super(model);
        if (classFilter == null || classFilter.length == 0) {
            throw new IllegalArgumentException("Class filter must not be empty");
        }
        m_specIndex = specIndex;
        m_isRequired = isRequired;
        m_addNoneCol = addNoneCol;
        m_classFilter = Arrays.asList(classFilter);
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(m_chooser);
        model.addChangeListener(e -> updateComponent());
    }

    private boolean accepts(final DataColumnSpec col) {
        return m_classFilter.stream().anyMatch(c -> col.getType().isCompatible(c));
    }

    private List<String> compatibleColumns(final PortObjectSpec spec) {
        List<String> names = new ArrayList<>();
        if (spec instanceof DataTableSpec tableSpec) {
            for (DataColumnSpec col : tableSpec) {
                if (accepts(col)) {
                    names.add(col.getName());
                }
            }
        }
        return names;
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        if (!m_isRequired) {
            return;
        }
        PortObjectSpec spec = specs == null || m_specIndex >= specs.length ? null : specs[m_specIndex];
        if (!(spec instanceof DataTableSpec)) {
            throw new NotConfigurableException("No input spec available");
        }
        if (compatibleColumns(spec).isEmpty()) {
            throw new NotConfigurableException("No column in spec compatible to " + m_classFilter.stream()
                .map(Class::getSimpleName).reduce((a, b) -> a + ", " + b).orElse("") + ".");
        }
    }

    @Override
    protected void updateComponent() {
        List<String> names = compatibleColumns(getLastTableSpec(m_specIndex));
        if (m_addNoneCol) {
            names.add(0, NONE);
        }
        m_chooser.removeAllItems();
        names.forEach(m_chooser::addItem);
        String value = ((SettingsModelString)getModel()).getStringValue();
        if (value == null && m_addNoneCol) {
            m_chooser.setSelectedItem(NONE);
        } else if (value != null && names.contains(value)) {
            m_chooser.setSelectedItem(value);
        }
        m_chooser.setEnabled(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        Object selected = m_chooser.getSelectedItem();
        if (selected == null && m_isRequired) {
            throw new InvalidSettingsException("Please select an item from the list.");
        }
        String column = selected == null || NONE.equals(selected) ? null : selected.toString();
        SettingsModel model = getModel();
        if (model instanceof SettingsModelColumnName columnModel) {
            columnModel.setSelection(column, false);
        } else {
            ((SettingsModelString)model).setStringValue(column);
        }
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_chooser.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_chooser.setToolTipText(text);
    }
}
