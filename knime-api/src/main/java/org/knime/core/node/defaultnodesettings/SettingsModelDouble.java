package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A double setting; model ID SMID_double. */
public class SettingsModelDouble extends SettingsModelNumber implements SettingsModelFlowVariableCompatible {

    private double m_value;

    private final String m_configName;

    /** @throws IllegalArgumentException if the config name is null or empty */
    public SettingsModelDouble(final String configName, final double defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_value = defaultValue;
        m_configName = configName;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelDouble createClone() {
        return new SettingsModelDouble(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_double";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    /** Sets the value, notifying listeners if it changed. */
    public void setDoubleValue(final double newValue) {
        boolean notify = newValue != m_value;
        m_value = newValue;
        if (notify) {
            notifyChangeListeners();
        }
    }

    public double getDoubleValue() {
        return m_value;
    }

    @Override
    void setNumberValueStr(final String newValueStr) {
        try {
            setDoubleValue(Double.parseDouble(newValueStr));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid number format ('" + newValueStr + "')");
        }
    }

    @Override
    String getNumberValueStr() {
        return Double.toString(getDoubleValue());
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setDoubleValue(settings.getDouble(m_configName, m_value));
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
        validateValue(settings.getDouble(m_configName));
    }

    /** Checks a value read in {@link #validateSettingsForModel}; subclasses add constraints. */
    protected void validateValue(final double value) throws InvalidSettingsException {
        // no constraint
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            setDoubleValue(settings.getDouble(m_configName));
        } catch (IllegalArgumentException iae) {
            throw new InvalidSettingsException(iae.getMessage());
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addDouble(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }

    @Override
    public String getKey() {
        return m_configName;
    }
}
