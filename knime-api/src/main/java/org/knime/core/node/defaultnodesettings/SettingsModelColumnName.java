package org.knime.core.node.defaultnodesettings;

import java.util.Objects;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A column name or the row ID. Stored as sub config {@code <configName>} with {@code useRowID} (xboolean) and
 * {@code columnName} (xstring).
 */
public class SettingsModelColumnName extends SettingsModelString {

    private static final String CFG_COLUMN_NAME = "columnName";

    private static final String CFG_ROWID = "useRowID";

    private final String m_configName;

    private boolean m_useRowID;

    public SettingsModelColumnName(final String configName, final String defaultValue) {
        super(CFG_COLUMN_NAME, defaultValue);
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
    }

    private SettingsModelColumnName(final String configName, final String defaultValue, final boolean useRowID) {
        super(CFG_COLUMN_NAME, defaultValue);
        m_configName = configName;
        m_useRowID = useRowID;
    }

    @Override
    protected SettingsModelColumnName createClone() {
        return new SettingsModelColumnName(getConfigName(), getStringValue(), m_useRowID);
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    /** Sets column name and row-ID flag, notifying listeners once if anything changed. */
    public void setSelection(final String columnName, final boolean useRowID) {
        boolean rowIdChanged = m_useRowID != useRowID;
        m_useRowID = useRowID;
        boolean nameChanged = !Objects.equals(columnName, getStringValue());
        setStringValue(columnName);
        if (rowIdChanged && !nameChanged) {
            notifyChangeListeners();
        }
    }

    /** @return whether the row ID is selected instead of a column */
    public boolean useRowID() {
        return m_useRowID;
    }

    /** @return the column name, or {@code null} if none or the row ID is selected */
    public String getColumnName() {
        return getStringValue();
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeSettingsRO subSettings = settings.getNodeSettings(m_configName);
        subSettings.getBoolean(CFG_ROWID);
        super.validateSettingsForModel(subSettings);
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        NodeSettingsWO subSettings = settings.addNodeSettings(m_configName);
        subSettings.addBoolean(CFG_ROWID, m_useRowID);
        super.saveSettingsForDialog(subSettings);
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        NodeSettingsWO subSettings = settings.addNodeSettings(m_configName);
        subSettings.addBoolean(CFG_ROWID, m_useRowID);
        super.saveSettingsForModel(subSettings);
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            NodeSettingsRO subSettings = settings.getNodeSettings(m_configName);
            boolean useRowId = subSettings.getBoolean(CFG_ROWID);
            String oldName = getStringValue();
            boolean rowIdChanged = m_useRowID != useRowId;
            m_useRowID = useRowId;
            super.loadSettingsForDialog(subSettings, specs);
            if (rowIdChanged && Objects.equals(oldName, getStringValue())) {
                notifyChangeListeners();
            }
        } catch (InvalidSettingsException ise) {
            // keep the old value
        }
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeSettingsRO subSettings = settings.getNodeSettings(m_configName);
        boolean useRowId = subSettings.getBoolean(CFG_ROWID);
        String oldName = getStringValue();
        boolean rowIdChanged = m_useRowID != useRowId;
        m_useRowID = useRowId;
        super.loadSettingsForModel(subSettings);
        if (rowIdChanged && Objects.equals(oldName, getStringValue())) {
            notifyChangeListeners();
        }
    }
}
