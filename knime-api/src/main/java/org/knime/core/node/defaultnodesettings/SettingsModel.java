package org.knime.core.node.defaultnodesettings;

import java.util.concurrent.CopyOnWriteArrayList;

import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.config.Config;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A setting shared by node model and dialog. Persisted as the value under the model's config name plus a sub config
 * {@code <configName>_Internals} with {@code SettingsModelID} (xstring) and {@code EnabledStatus} (xboolean); a
 * missing {@code _Internals} config is tolerated when loading (older settings).
 */
public abstract class SettingsModel {

    /** Suffix of the sub config holding model ID and enabled status. */
    public static final String CFGKEY_INTERNAL = "_Internals";

    private static final String CFGKEY_MODELID = "SettingsModelID";

    private static final String CFGKEY_ENABLESTAT = "EnabledStatus";

    private final CopyOnWriteArrayList<ChangeListener> m_listeners = new CopyOnWriteArrayList<>();

    private boolean m_enabled = true;

    public SettingsModel() {
    }

    /** @return a clone holding the value read (and validated) from {@code settings} */
    public final <T extends SettingsModel> T createCloneWithValidatedValue(final NodeSettingsRO settings)
        throws InvalidSettingsException {
        T result = createClone();
        ((SettingsModel)result).m_enabled = m_enabled;
        ((SettingsModel)result).readEnableStatusAndCheckModelID(settings);
        ((SettingsModel)result).loadSettingsForModel(settings);
        return result;
    }

    /** @return a new instance with identical state and value */
    protected abstract <T extends SettingsModel> T createClone();

    /** @return the ID written as SettingsModelID (shared by compatible models) */
    protected abstract String getModelTypeID();

    /** @return the key the value is stored under */
    protected abstract String getConfigName();

    /** Loads the value for the dialog; keeps the current value if none is stored. Must notify listeners. */
    protected abstract void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException;

    /** Called by dialog components: reads enabled status (if present), then the value. */
    final void dlgLoadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            readEnableStatusAndCheckModelID(settings);
        } catch (InvalidSettingsException ise) {
            // dialogs must load anything, including empty settings
        }
        loadSettingsForDialog(settings, specs);
    }

    protected abstract void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException;

    /** Called by dialog components: writes ID and enabled status, then the value. */
    final void dlgSaveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveEnableStatusAndModelID(settings);
        try {
            saveSettingsForDialog(settings);
        } catch (InvalidSettingsException ise) {
            if (m_enabled) {
                throw ise;
            }
        }
    }

    /** Adds a listener notified on value and enabled-status changes (once per listener). */
    public final void addChangeListener(final ChangeListener l) {
        if (!m_listeners.contains(l)) {
            m_listeners.add(l);
        }
    }

    protected void prependChangeListener(final ChangeListener l) {
        if (!m_listeners.contains(l)) {
            m_listeners.add(0, l);
        }
    }

    public void removeChangeListener(final ChangeListener l) {
        m_listeners.remove(l);
    }

    /** Call whenever the value changes. */
    protected void notifyChangeListeners() {
        for (ChangeListener l : m_listeners) {
            l.stateChanged(new ChangeEvent(this));
        }
    }

    /** A disabled model skips validating and loading its value (its status is still saved). */
    public final void setEnabled(final boolean enabled) {
        boolean notify = m_enabled != enabled;
        m_enabled = enabled;
        if (notify) {
            notifyChangeListeners();
        }
    }

    public final boolean isEnabled() {
        return m_enabled;
    }

    /** Validates the stored value without changing this model (skipped if it was saved disabled). */
    public final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        boolean oldEnableStatus = m_enabled;
        readEnableStatusAndCheckModelID(settings);
        boolean settingsEnableStatus = m_enabled;
        m_enabled = oldEnableStatus;
        if (settingsEnableStatus) {
            validateSettingsForModel(settings);
        }
    }

    protected abstract void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException;

    /** Reads enabled status and value; a missing value is an error only if the model is enabled. */
    public final void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        readEnableStatusAndCheckModelID(settings);
        try {
            loadSettingsForModel(settings);
        } catch (InvalidSettingsException ise) {
            if (m_enabled) {
                throw ise;
            }
        }
    }

    protected abstract void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException;

    public final void saveSettingsTo(final NodeSettingsWO settings) {
        saveEnableStatusAndModelID(settings);
        saveSettingsForModel(settings);
    }

    protected abstract void saveSettingsForModel(final NodeSettingsWO settings);

    private void readEnableStatusAndCheckModelID(final NodeSettingsRO settings) throws InvalidSettingsException {
        Config idCfg;
        try {
            idCfg = settings.getConfig(getConfigName() + CFGKEY_INTERNAL);
        } catch (InvalidSettingsException ise) {
            return; // backward compatibility: settings written without the internals config
        }
        String settingsID = idCfg.getString(CFGKEY_MODELID);
        m_enabled = idCfg.getBoolean(CFGKEY_ENABLESTAT);
        assert getModelTypeID().equals(settingsID) : "Incorrect Implementation: The SettingsModel used to write the "
            + "values is different from the one that reads them. (WriteID = " + settingsID + ", ReadID = "
            + getModelTypeID() + ", Reading settings model: " + this + ")";
    }

    private void saveEnableStatusAndModelID(final NodeSettingsWO settings) {
        Config intCfg = settings.addConfig(getConfigName() + CFGKEY_INTERNAL);
        intCfg.addString(CFGKEY_MODELID, getModelTypeID());
        intCfg.addBoolean(CFGKEY_ENABLESTAT, m_enabled);
    }

    /** @return class name and config name, e.g. "SettingsModelString ('name')" */
    @Override
    public abstract String toString();
}
