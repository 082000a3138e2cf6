package org.knime.core.node.config.base;

/** Leaf entry holding a byte (type xbyte). Not API: KNIME's entry classes are not used by node code. */
final class ConfigByteEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final byte m_value;

    ConfigByteEntry(final String key, final byte value) {
        super(ConfigEntries.xbyte, key);
        m_value = value;
    }

    byte getByte() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return Byte.toString(m_value);
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return ((ConfigByteEntry)ace).m_value == m_value;
    }
}
