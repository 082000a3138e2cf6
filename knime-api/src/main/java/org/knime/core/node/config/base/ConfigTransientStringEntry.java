package org.knime.core.node.config.base;

/** Leaf entry holding a String (type xtransientstring). Not API: KNIME's entry classes are not used by node code. */
final class ConfigTransientStringEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final String m_value;

    ConfigTransientStringEntry(final String key, final String value) {
        super(ConfigEntries.xtransientstring, key);
        m_value = value;
    }

    String getTransientString() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return m_value;
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return java.util.Objects.equals(((ConfigTransientStringEntry)ace).m_value, m_value);
    }
}
