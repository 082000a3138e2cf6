package org.knime.core.node.config.base;

/** Leaf entry holding a char (type xchar). Not API: KNIME's entry classes are not used by node code. */
final class ConfigCharEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final char m_value;

    ConfigCharEntry(final String key, final char value) {
        super(ConfigEntries.xchar, key);
        m_value = value;
    }

    char getChar() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return Character.toString(m_value);
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return ((ConfigCharEntry)ace).m_value == m_value;
    }
}
