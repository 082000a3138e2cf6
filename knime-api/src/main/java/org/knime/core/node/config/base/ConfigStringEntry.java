package org.knime.core.node.config.base;

/** Leaf entry holding a String (type xstring). Not API: KNIME's entry classes are not used by node code. */
final class ConfigStringEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final String m_value;

    ConfigStringEntry(final String key, final String value) {
        super(ConfigEntries.xstring, key);
        m_value = value;
    }

    String getString() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return m_value;
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return java.util.Objects.equals(((ConfigStringEntry)ace).m_value, m_value);
    }
}
