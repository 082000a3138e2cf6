package org.knime.core.node.config.base;

/** Leaf entry holding a long (type xlong). Not API: KNIME's entry classes are not used by node code. */
final class ConfigLongEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final long m_value;

    ConfigLongEntry(final String key, final long value) {
        super(ConfigEntries.xlong, key);
        m_value = value;
    }

    long getLong() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return Long.toString(m_value);
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return ((ConfigLongEntry)ace).m_value == m_value;
    }
}
