package org.knime.core.node.config.base;

/** Leaf entry holding a double (type xdouble). Not API: KNIME's entry classes are not used by node code. */
final class ConfigDoubleEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final double m_value;

    ConfigDoubleEntry(final String key, final double value) {
        super(ConfigEntries.xdouble, key);
        m_value = value;
    }

    double getDouble() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return Double.toString(m_value);
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return Double.compare(((ConfigDoubleEntry)ace).m_value, m_value) == 0;
    }
}
