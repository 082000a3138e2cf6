package org.knime.core.node.config.base;

/** Leaf entry holding a boolean (type xboolean). Not API: KNIME's entry classes are not used by node code. */
final class ConfigBooleanEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final boolean m_value;

    ConfigBooleanEntry(final String key, final boolean value) {
        super(ConfigEntries.xboolean, key);
        m_value = value;
    }

    boolean getBoolean() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return Boolean.toString(m_value);
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return ((ConfigBooleanEntry)ace).m_value == m_value;
    }
}
