package org.segprune.knime.nodes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.segprune.step.SettingDef;
import org.segprune.step.SettingsSchema;
import org.segprune.util.SegPruneException;

/**
 * A node's engine settings class seen through KNIME SettingsModels: one model per setting, under the
 * setting's key, so the {@code model} config of settings.xml holds exactly the keys the command line's
 * {@code --set} uses. Validation is the engine's (bounds and types by the models first, then the
 * settings class' own checks), so KNIME and {@code segprune run} accept the same settings.
 *
 */
public final class SettingsAdapter {

    private final SettingsSchema m_schema;

    private final Function<Map<String, String>, ?> m_parser;

    private final Map<String, SettingsModel> m_models = new LinkedHashMap<>();

    /**
     * @param schema the node's settings
     * @param parser the step's settings parser (e.g. {@code Steps.FINE_TUNER::settings})
     */
    public SettingsAdapter(final SettingsSchema schema, final Function<Map<String, String>, ?> parser) {
        m_schema = schema;
        m_parser = parser;
        for (SettingDef def : schema.defs()) {
            m_models.put(def.key(), createModel(def));
        }
        for (SettingDef def : schema.defs()) {
            if (def.enabledKey() != null) {
                m_models.get(def.enabledKey()).addChangeListener(e -> updateEnabled());
            }
        }
        updateEnabled();
    }

    /** @return the settings definitions */
    public SettingsSchema getSchema() {
        return m_schema;
    }

    /** @return the model of one setting */
    public SettingsModel getModel(final String key) {
        SettingsModel model = m_models.get(key);
        if (model == null) {
            throw new IllegalArgumentException(m_schema.nodeName() + " has no setting '" + key + "'");
        }
        return model;
    }

    static SettingsModel createModel(final SettingDef def) {
        return switch (def.kind()) {
            case INT -> new SettingsModelIntegerBounded(def.key(), (Integer)def.typedDefault(), (int)def.min(),
                (int)def.max());
            case DOUBLE -> Double.isNaN(def.min()) ? new SettingsModelDouble(def.key(), (Double)def.typedDefault())
                : new SettingsModelDoubleBounded(def.key(), (Double)def.typedDefault(), def.min(), def.max());
            case BOOLEAN -> new SettingsModelBoolean(def.key(), (Boolean)def.typedDefault());
            default -> new SettingsModelString(def.key(), def.defaultValue());
        };
    }

    /** Enables each setting that applies under the current values of the others (as the dialog shows it). */
    private void updateEnabled() {
        Map<String, String> values = getValues();
        for (SettingDef def : m_schema.defs()) {
            if (def.enabledKey() != null) {
                m_models.get(def.key()).setEnabled(def.appliesTo(values));
            }
        }
    }

    /** Writes every setting (NodeModel.saveSettingsTo). */
    public void saveSettingsTo(final NodeSettingsWO settings) {
        m_models.values().forEach(m -> m.saveSettingsTo(settings));
    }

    /**
     * Checks settings without loading them (NodeModel.validateSettings): the engine's checks first (their messages
     * name the setting), then each stored value's type through its model. A key the settings lack (saved by a release
     * before the setting existed) takes its documented default.
     *
     * @throws InvalidSettingsException with the engine's message
     */
    public void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        parse(read(settings));
        for (Map.Entry<String, SettingsModel> entry : m_models.entrySet()) {
            if (settings.containsKey(entry.getKey())) {
                entry.getValue().validateSettings(settings);
            }
        }
    }

    /**
     * Loads validated settings (NodeModel.loadValidatedSettingsFrom); a key the settings lack takes its default, so
     * workflows saved before a setting was added load and run as documented.
     */
    public void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, SettingsModel> entry : m_models.entrySet()) {
            if (settings.containsKey(entry.getKey())) {
                entry.getValue().loadSettingsFrom(settings);
            } else {
                defaults.put(entry.getKey(), m_schema.def(entry.getKey()).defaultValue());
            }
        }
        setValues(defaults);
    }

    /** Checks the current values as the step does (its own whole-settings checks included). */
    public void checkSettings() throws InvalidSettingsException {
        parse(getValues());
    }

    private Object parse(final Map<String, String> values) throws InvalidSettingsException {
        try {
            return m_parser.apply(values);
        } catch (SegPruneException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** @return the current values as key -> string, in the schema's order */
    public Map<String, String> getValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (SettingDef def : m_schema.defs()) {
            values.put(def.key(), valueOf(m_models.get(def.key())));
        }
        return values;
    }

    /**
     * Sets the current values (for programs that write settings, e.g. test workflows).
     *
     * @throws SegPruneException if a key is unknown or a value malformed
     */
    public void setValues(final Map<String, String> values) {
        m_schema.checkKnown(values.keySet());
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Object typed = m_schema.def(entry.getKey()).parse(entry.getValue());
            SettingsModel model = m_models.get(entry.getKey());
            if (model instanceof SettingsModelInteger m) {
                m.setIntValue((Integer)typed);
            } else if (model instanceof SettingsModelDouble m) {
                m.setDoubleValue((Double)typed);
            } else if (model instanceof SettingsModelBoolean m) {
                m.setBooleanValue((Boolean)typed);
            } else {
                ((SettingsModelString)model).setStringValue((String)typed);
            }
        }
    }

    private static String valueOf(final SettingsModel model) {
        if (model instanceof SettingsModelInteger m) {
            return Integer.toString(m.getIntValue());
        } else if (model instanceof SettingsModelDouble m) {
            return Double.toString(m.getDoubleValue());
        } else if (model instanceof SettingsModelBoolean m) {
            return Boolean.toString(m.getBooleanValue());
        }
        String value = ((SettingsModelString)model).getStringValue();
        return value == null ? "" : value;
    }

    /** The values stored in {@code settings}, falling back to defaults for missing keys. */
    private Map<String, String> read(final NodeSettingsRO settings) {
        Map<String, String> values = new LinkedHashMap<>();
        for (SettingDef def : m_schema.defs()) {
            String key = def.key();
            String value = switch (def.kind()) {
                case INT -> Integer.toString(settings.getInt(key, (Integer)def.typedDefault()));
                case DOUBLE -> Double.toString(settings.getDouble(key, (Double)def.typedDefault()));
                case BOOLEAN -> Boolean.toString(settings.getBoolean(key, (Boolean)def.typedDefault()));
                default -> settings.getString(key, def.defaultValue());
            };
            values.put(key, value == null ? "" : value);
        }
        return values;
    }
}
