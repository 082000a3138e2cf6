package org.knime.core.node.config.base;

/** Leaf entry holding a String (type xpassword). Not API: KNIME's entry classes are not used by node code. */
final class ConfigPasswordEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final String m_value;

    ConfigPasswordEntry(final String key, final String value) {
        super(ConfigEntries.xpassword, key);
        m_value = value;
    }

    String getPassword() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return m_value;
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return java.util.Objects.equals(((ConfigPasswordEntry)ace).m_value, m_value);
    }
}
