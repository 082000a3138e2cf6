package org.knime.core.data;

/** Name and type of a column; created with {@link DataColumnSpecCreator}. (Domain and properties are omitted.) */
public final class DataColumnSpec {

    private final String m_name;

    private final DataType m_type;

    DataColumnSpec(final String name, final DataType type) {
        if (name == null || type == null) {
            throw new NullPointerException("Column name and type must not be null.");
        }
        m_name = name;
        m_type = type;
    }

    public String getName() {
        return m_name;
    }

    public DataType getType() {
        return m_type;
    }

    /** @return whether name and type are equal */
    public boolean equalStructure(final DataColumnSpec cspec) {
        return cspec != null && m_name.equals(cspec.m_name) && m_type.equals(cspec.m_type);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj == this || (obj instanceof DataColumnSpec other && equalStructure(other));
    }

    @Override
    public int hashCode() {
        return m_name.hashCode() ^ m_type.hashCode();
    }

    @Override
    public String toString() {
        return "name=" + m_name + ",type=" + m_type;
    }
}
