package org.segprune.step;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segprune.util.SegPruneException;

/**
 * The ordered settings of one node. Reads a plain key -> value map (the {@code model} config of a
 * KNIME settings.xml, overridden by {@code --set}) into typed {@link SettingValues}; a missing key
 * takes its default, keys the node does not know are ignored here (see {@link #checkKnown}).
 */
public final class SettingsSchema {

    private final String nodeName;
    private final Map<String, SettingDef> defs = new LinkedHashMap<>();

    public SettingsSchema(String nodeName, List<SettingDef> defs) {
        this.nodeName = nodeName;
        for (SettingDef def : defs) {
            if (this.defs.put(def.key(), def) != null) {
                throw new IllegalArgumentException("setting '" + def.key() + "' is defined twice");
            }
        }
        for (SettingDef def : defs) {
            if (def.enabledKey() != null && !this.defs.containsKey(def.enabledKey())) {
                throw new IllegalArgumentException("setting '" + def.key() + "' depends on unknown '" + def.enabledKey() + "'");
            }
        }
    }

    /** The node's name as users see it, e.g. "Fine-Tuner". */
    public String nodeName() {
        return nodeName;
    }

    public List<SettingDef> defs() {
        return List.copyOf(defs.values());
    }

    public boolean has(String key) {
        return defs.containsKey(key);
    }

    public SettingDef def(String key) {
        SettingDef def = defs.get(key);
        if (def == null) {
            throw new IllegalArgumentException(nodeName + " has no setting '" + key + "'");
        }
        return def;
    }

    /** Every key with its default value, in order. */
    public Map<String, String> defaults() {
        Map<String, String> values = new LinkedHashMap<>();
        defs.values().forEach(def -> values.put(def.key(), def.defaultValue()));
        return values;
    }

    /** Parses every setting; missing keys take their defaults. */
    public SettingValues parse(Map<String, String> raw) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (SettingDef def : defs.values()) {
            String value = raw.containsKey(def.key()) ? raw.get(def.key()) : def.defaultValue();
            typed.put(def.key(), def.parse(value));
        }
        return new SettingValues(this, typed);
    }

    /** Rejects keys this node does not have (for user-typed overrides, where a typo must not pass silently). */
    public void checkKnown(Collection<String> keys) {
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            if (!defs.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new SegPruneException(nodeName + " has no setting '" + String.join("', '", unknown) + "' (its settings: "
                    + String.join(", ", defs.keySet()) + ")");
        }
    }
}
