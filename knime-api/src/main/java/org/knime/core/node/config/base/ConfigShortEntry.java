package org.knime.core.node.config.base;

/** Leaf entry holding a short (type xshort). Not API: KNIME's entry classes are not used by node code. */
final class ConfigShortEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final short m_value;

    ConfigShortEntry(final String key, final short value) {
        super(ConfigEntries.xshort, key);
        m_value = value;
    }

    short getShort() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return Short.toString(m_value);
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return ((ConfigShortEntry)ace).m_value == m_value;
    }
}
