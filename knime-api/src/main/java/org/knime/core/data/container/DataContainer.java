package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowIterator;
import org.knime.core.data.RowKey;

/**
 * Collects rows and turns them into a table on {@link #close()}. Rows must match the spec (cell count, cell types)
 * and have unique keys. This subset keeps all rows in memory; KNIME buffers to disk. Deliberately not
 * {@link AutoCloseable}, like KNIME's class.
 */
public class DataContainer implements RowAppender {

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows = new ArrayList<>();

    private final Set<RowKey> m_keys = new HashSet<>();

    private boolean m_closed;

    private DataTable m_table;

    public DataContainer(final DataTableSpec spec) {
        this(spec, false);
    }

    public DataContainer(final DataTableSpec spec, final boolean initDomain) {
        this(spec, initDomain, Integer.MAX_VALUE);
    }

    /** @throws IllegalArgumentException if {@code maxCellsInMemory} &lt; 0 */
    public DataContainer(final DataTableSpec spec, final boolean initDomain, final int maxCellsInMemory) {
        if (spec == null) {
            throw new NullPointerException("Spec must not be null!");
        }
        if (maxCellsInMemory < 0) {
            throw new IllegalArgumentException("Cell count must be positive: " + maxCellsInMemory);
        }
        m_spec = spec;
    }

    /**
     * @throws IllegalStateException if the container is closed
     * @throws IllegalArgumentException if the row doesn't match the spec or its key was added before
     */
    @Override
    public void addRowToTable(final DataRow row) {
        if (m_closed) {
            throw new IllegalStateException("Cannot add row: container is closed.");
        }
        if (row == null) {
            throw new NullPointerException("Can't add null rows to container");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Cell count in row \"" + row.getKey()
                + "\" is not equal to length of column names array: " + row.getNumCells() + " vs. "
                + m_spec.getNumColumns());
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            DataCell cell = row.getCell(i);
            DataType expected = m_spec.getColumnSpec(i).getType();
            if (cell == null) {
                throw new NullPointerException("Cell " + i + " in row \"" + row.getKey() + "\" is null");
            }
            if (!cell.isMissing() && !expected.isASuperTypeOf(cell.getType())) {
                throw new IllegalArgumentException("Runtime class of object \"" + cell + "\" (index " + i
                    + ") in row \"" + row.getKey() + "\" is " + cell.getType() + " and does not comply with its "
                    + "supposed superclass " + expected);
            }
        }
        if (!m_keys.add(row.getKey())) {
            throw new IllegalArgumentException("Encountered duplicate row ID \"" + row.getKey() + "\"");
        }
        m_rows.add(row);
    }

    /** Finishes the table; repeated calls are ignored. */
    public void close() {
        if (!m_closed) {
            m_closed = true;
            m_table = new InMemoryTable(m_spec, Collections.unmodifiableList(new ArrayList<>(m_rows)));
            m_rows.clear();
            m_keys.clear();
        }
    }

    /** @throws IllegalStateException if {@link #close()} wasn't called */
    public DataTable getTable() {
        if (!m_closed) {
            throw new IllegalStateException("Cannot get table: container is not closed.");
        }
        return m_table;
    }

    /** @return the number of rows added so far */
    public long size() {
        return m_closed ? ((InMemoryTable)m_table).m_rows.size() : m_rows.size();
    }

    public DataTableSpec getTableSpec() {
        return m_spec;
    }

    public boolean isOpen() {
        return !m_closed;
    }

    public boolean isClosed() {
        return m_closed;
    }

    /** The closed, immutable content of a container. */
    private static final class InMemoryTable implements DataTable {

        private final DataTableSpec m_spec;

        private final List<DataRow> m_rows;

        InMemoryTable(final DataTableSpec spec, final List<DataRow> rows) {
            m_spec = spec;
            m_rows = rows;
        }

        @Override
        public DataTableSpec getDataTableSpec() {
            return m_spec;
        }

        @Override
        public RowIterator iterator() {
            Iterator<DataRow> it = m_rows.iterator();
            return new RowIterator() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public DataRow next() {
                    if (!it.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return it.next();
                }
            };
        }
    }
}
