package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A string array setting (array and elements may be {@code null}); model ID SMID_stringarray. */
public class SettingsModelStringArray extends SettingsModel {

    private String[] m_value;

    private final String m_configName;

    /** @throws IllegalArgumentException if the config name is null or empty */
    public SettingsModelStringArray(final String configName, final String[] defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_value = defaultValue;
        m_configName = configName;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelStringArray createClone() {
        return new SettingsModelStringArray(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_stringarray";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setStringArrayValue(settings.getStringArray(m_configName, m_value));
        } catch (IllegalArgumentException iae) {
            // keep the old value
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    /** Stores a copy of the argument, notifying listeners if the content changed. */
    public void setStringArrayValue(final String[] newValue) {
        boolean same = Arrays.equals(newValue, m_value);
        m_value = newValue == null ? null : newValue.clone();
        if (!same) {
            notifyChangeListeners();
        }
    }

    /** @return a copy of the value */
    public String[] getStringArrayValue() {
        return m_value == null ? null : m_value.clone();
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        settings.getStringArray(m_configName);
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            setStringArrayValue(settings.getStringArray(m_configName));
        } catch (IllegalArgumentException iae) {
            throw new InvalidSettingsException(iae.getMessage());
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addStringArray(m_configName, getStringArrayValue());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
