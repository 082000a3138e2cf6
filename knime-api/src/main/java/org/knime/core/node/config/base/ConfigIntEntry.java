package org.knime.core.node.config.base;

/** Leaf entry holding a int (type xint). Not API: KNIME's entry classes are not used by node code. */
final class ConfigIntEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final int m_value;

    ConfigIntEntry(final String key, final int value) {
        super(ConfigEntries.xint, key);
        m_value = value;
    }

    int getInt() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return Integer.toString(m_value);
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return ((ConfigIntEntry)ace).m_value == m_value;
    }
}
