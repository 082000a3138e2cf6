package org.segprune.step;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parsed, typed values of one node's settings, by key. */
public final class SettingValues {

    private final SettingsSchema schema;
    private final Map<String, Object> values;

    SettingValues(SettingsSchema schema, Map<String, Object> values) {
        this.schema = schema;
        this.values = Map.copyOf(values);
    }

    public SettingsSchema schema() {
        return schema;
    }

    private Object get(String key) {
        schema.def(key);
        return values.get(key);
    }

    public String string(String key) {
        return ((String) get(key)).trim();
    }

    public int integer(String key) {
        return (Integer) get(key);
    }

    public double real(String key) {
        return (Double) get(key);
    }

    public boolean bool(String key) {
        return (Boolean) get(key);
    }

    /** Every value as its canonical string, in the schema's order. */
    public Map<String, String> asStrings() {
        Map<String, String> strings = new LinkedHashMap<>();
        for (SettingDef def : schema.defs()) {
            strings.put(def.key(), SettingDef.format(values.get(def.key())));
        }
        return strings;
    }
}
