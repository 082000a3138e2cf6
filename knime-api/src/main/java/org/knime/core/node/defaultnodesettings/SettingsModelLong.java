package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A long setting; model ID SMN_long. */
public class SettingsModelLong extends SettingsModelNumber {

    private long m_value;

    private final String m_configName;

    /** @throws IllegalArgumentException if the config name is null or empty */
    public SettingsModelLong(final String configName, final long defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_value = defaultValue;
        m_configName = configName;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelLong createClone() {
        return new SettingsModelLong(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMN_long";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    /** Sets the value, notifying listeners if it changed. */
    public void setLongValue(final long newValue) {
        boolean notify = newValue != m_value;
        m_value = newValue;
        if (notify) {
            notifyChangeListeners();
        }
    }

    public long getLongValue() {
        return m_value;
    }

    @Override
    void setNumberValueStr(final String newValueStr) {
        try {
            setLongValue(Long.parseLong(newValueStr));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid number format ('" + newValueStr + "')");
        }
    }

    @Override
    String getNumberValueStr() {
        return Long.toString(getLongValue());
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setLongValue(settings.getLong(m_configName, m_value));
        } catch (IllegalArgumentException iae) {
            // keep the old value
        } finally {
            notifyChangeListeners();
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateValue(settings.getLong(m_configName));
    }

    /** Checks a value read in {@link #validateSettingsForModel}; subclasses add constraints. */
    protected void validateValue(final long value) throws InvalidSettingsException {
        // no constraint
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            setLongValue(settings.getLong(m_configName));
        } catch (IllegalArgumentException iae) {
            throw new InvalidSettingsException(iae.getMessage());
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addLong(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
