package org.knime.core.node.defaultnodesettings;

import java.util.Objects;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A string setting (may be {@code null}); model ID SMID_string. */
public class SettingsModelString extends SettingsModel implements SettingsModelFlowVariableCompatible {

    private String m_value;

    private final String m_configName;

    /** @throws IllegalArgumentException if the config name is null or empty */
    public SettingsModelString(final String configName, final String defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_value = defaultValue;
        m_configName = configName;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelString createClone() {
        return new SettingsModelString(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_string";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setStringValue(settings.getString(m_configName, m_value));
        } catch (IllegalArgumentException iae) {
            // keep the old value
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        settings.addString(m_configName, getStringValue());
    }

    public void setStringValue(final String newValue) {
        boolean same = Objects.equals(newValue, m_value);
        m_value = newValue;
        if (!same) {
            notifyChangeListeners();
        }
    }

    public String getStringValue() {
        return m_value;
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        settings.getString(m_configName);
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            setStringValue(settings.getString(m_configName));
        } catch (IllegalArgumentException iae) {
            throw new InvalidSettingsException(iae.getMessage());
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addString(m_configName, getStringValue());
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
