package org.knime.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;

/**
 * The columns of a table (names unique, order fixed) and the table's name. The spec of a
 * {@link org.knime.core.node.BufferedDataTable} port.
 */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {

    private static final String DEFAULT_NAME = "default";

    private final String m_name;

    private final DataColumnSpec[] m_columns;

    private final Map<String, Integer> m_index = new HashMap<>();

    public DataTableSpec() {
        this(DEFAULT_NAME, new DataColumnSpec[0]);
    }

    public DataTableSpec(final DataColumnSpec... colSpecs) {
        this(DEFAULT_NAME, colSpecs);
    }

    /** @throws IllegalArgumentException if column names are not unique */
    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
        m_name = name == null ? DEFAULT_NAME : name;
        m_columns = colSpecs.clone();
        for (int i = 0; i < m_columns.length; i++) {
            if (m_columns[i] == null) {
                throw new NullPointerException("Column spec at index " + i + " must not be null.");
            }
            Integer previous = m_index.put(m_columns[i].getName(), i);
            if (previous != null) {
                throw new IllegalArgumentException("Multiple columns with name \"" + m_columns[i].getName()
                    + "\" (column indices " + previous + " and " + i + ")");
            }
        }
    }

    public DataTableSpec(final String[] names, final DataType[] types) {
        this(DEFAULT_NAME, names, types);
    }

    public DataTableSpec(final String name, final String[] names, final DataType[] types) {
        this(name, createColumnSpecs(names, types));
    }

    /** Appends the columns of {@code spec2} to those of {@code spec1}. */
    public DataTableSpec(final DataTableSpec spec1, final DataTableSpec spec2) {
        this(DEFAULT_NAME, spec1, spec2);
    }

    public DataTableSpec(final String name, final DataTableSpec spec1, final DataTableSpec spec2) {
        this(name, concat(spec1, spec2));
    }

    private static DataColumnSpec[] createColumnSpecs(final String[] names, final DataType[] types) {
        if (names.length != types.length) {
            throw new IllegalArgumentException("Names and types must have the same length.");
        }
        DataColumnSpec[] result = new DataColumnSpec[names.length];
        for (int i = 0; i < names.length; i++) {
            result[i] = new DataColumnSpecCreator(names[i], types[i]).createSpec();
        }
        return result;
    }

    private static DataColumnSpec[] concat(final DataTableSpec spec1, final DataTableSpec spec2) {
        DataColumnSpec[] result = Arrays.copyOf(spec1.m_columns, spec1.m_columns.length + spec2.m_columns.length);
        System.arraycopy(spec2.m_columns, 0, result, spec1.m_columns.length, spec2.m_columns.length);
        return result;
    }

    public String getName() {
        return m_name;
    }

    public int getNumColumns() {
        return m_columns.length;
    }

    /** @throws ArrayIndexOutOfBoundsException for an invalid index */
    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns[index];
    }

    /** @return the column with that name or {@code null} */
    public DataColumnSpec getColumnSpec(final String column) {
        Integer i = m_index.get(column);
        return i == null ? null : m_columns[i];
    }

    /** @return the index of the column or -1 */
    public int findColumnIndex(final String columnName) {
        Integer i = m_index.get(columnName);
        return i == null ? -1 : i;
    }

    public boolean containsName(final String columnName) {
        return m_index.containsKey(columnName);
    }

    public String[] getColumnNames() {
        return Arrays.stream(m_columns).map(DataColumnSpec::getName).toArray(String[]::new);
    }

    /** @return whether any column provides the given value */
    public boolean containsCompatibleType(final Class<? extends DataValue> valueClass) {
        return Arrays.stream(m_columns).anyMatch(c -> c.getType().isCompatible(valueClass));
    }

    /** @return whether both specs have the same column names and types in the same order */
    public boolean equalStructure(final DataTableSpec spec) {
        if (spec == null || spec.m_columns.length != m_columns.length) {
            return false;
        }
        for (int i = 0; i < m_columns.length; i++) {
            if (!m_columns[i].equalStructure(spec.m_columns[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        return List.of(m_columns).iterator();
    }

    public Stream<DataColumnSpec> stream() {
        return Arrays.stream(m_columns);
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public boolean equals(final Object obj) {
        return obj == this || (obj instanceof DataTableSpec other && Arrays.equals(other.m_columns, m_columns));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_columns);
    }

    @Override
    public String toString() {
        return "name=" + m_name + ",columns=" + Arrays.toString(getColumnNames());
    }
}
