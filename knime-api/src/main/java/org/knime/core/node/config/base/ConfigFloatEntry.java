package org.knime.core.node.config.base;

/** Leaf entry holding a float (type xfloat). Not API: KNIME's entry classes are not used by node code. */
final class ConfigFloatEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    private final float m_value;

    ConfigFloatEntry(final String key, final float value) {
        super(ConfigEntries.xfloat, key);
        m_value = value;
    }

    float getFloat() {
        return m_value;
    }

    @Override
    public String toStringValue() {
        return Float.toString(m_value);
    }

    @Override
    boolean hasIdenticalValue(final AbstractConfigEntry ace) {
        return Float.compare(((ConfigFloatEntry)ace).m_value, m_value) == 0;
    }
}
