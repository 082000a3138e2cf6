package org.knime.core.node.defaultnodesettings;

/** A model holding a number; used by {@link DialogComponentNumber}. */
public abstract class SettingsModelNumber extends SettingsModel {

    /** @return the value as string */
    abstract String getNumberValueStr();

    /** @throws IllegalArgumentException if the string is no valid value */
    abstract void setNumberValueStr(final String newValueStr);
}
