package org.segprune.step;

import java.util.Map;

/** Common part of the node settings classes: the parsed values, readable back as a key -> value map. */
abstract class SettingsBase {

    protected final SettingValues values;

    SettingsBase(SettingValues values) {
        this.values = values;
    }

    /** Every setting as key -> canonical string (what settings.xml and {@code --set} hold). */
    public Map<String, String> asMap() {
        return values.asStrings();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + asMap();
    }
}
