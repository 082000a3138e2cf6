package org.knime.core.node.config.base;

/**
 * The entry types of the XMLConfig format; the constant names are the values of the {@code type} attribute.
 */
public enum ConfigEntries {
    xstring {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigStringEntry(key, value);
        }
    },
    xint {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigIntEntry(key, Integer.parseInt(value));
        }
    },
    xdouble {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigDoubleEntry(key, Double.parseDouble(value));
        }
    },
    xfloat {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigFloatEntry(key, Float.parseFloat(value));
        }
    },
    xlong {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigLongEntry(key, Long.parseLong(value));
        }
    },
    xshort {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigShortEntry(key, Short.parseShort(value));
        }
    },
    xbyte {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigByteEntry(key, Byte.parseByte(value));
        }
    },
    xchar {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            if (value == null || value.length() != 1) {
                throw new IllegalArgumentException("A char entry takes strings of length one, got \"" + value + "\"");
            }
            return new ConfigCharEntry(key, value.charAt(0));
        }
    },
    xboolean {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigBooleanEntry(key, Boolean.parseBoolean(value));
        }
    },
    config {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            throw new UnsupportedOperationException("Do not call this method on sub config entries");
        }
    },
    xpassword {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            return new ConfigPasswordEntry(key, value);
        }
    },
    xtransientstring {
        @Override
        AbstractConfigEntry createEntry(final String key, final String value) {
            throw new IllegalStateException("Transient string not supposed to be saved");
        }
    };

    /** Creates an entry from its XML string form ({@code null} only for types that allow it). */
    abstract AbstractConfigEntry createEntry(String key, String value);
}
