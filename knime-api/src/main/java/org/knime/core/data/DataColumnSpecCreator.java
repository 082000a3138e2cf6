package org.knime.core.data;

/** Builder for {@link DataColumnSpec}s. */
public final class DataColumnSpecCreator {

    private String m_name;

    private DataType m_type;

    public DataColumnSpecCreator(final String name, final DataType type) {
        setName(name);
        setType(type);
    }

    public DataColumnSpecCreator(final DataColumnSpec cspec) {
        this(cspec.getName(), cspec.getType());
    }

    /** @throws NullPointerException if the name is {@code null} */
    public void setName(final String name) {
        if (name == null) {
            throw new NullPointerException("Name of DataColumnSpec must not be null!");
        }
        m_name = name;
    }

    /** @throws NullPointerException if the type is {@code null} */
    public void setType(final DataType type) {
        if (type == null) {
            throw new NullPointerException("Type of DataColumnSpec must not be null!");
        }
        m_type = type;
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type);
    }
}
