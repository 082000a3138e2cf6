package org.knime.core.data.def;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** A plain row holding its cells in an array. */
public class DefaultRow implements DataRow {

    private final RowKey m_rowKey;

    private final DataCell[] m_row;

    /** @throws NullPointerException if the key, the array or any cell is {@code null} */
    public DefaultRow(final RowKey rowKey, final DataCell... row) {
        if (rowKey == null) {
            throw new NullPointerException("Row key must not be null.");
        }
        m_rowKey = rowKey;
        m_row = row.clone();
        for (int i = 0; i < m_row.length; i++) {
            if (m_row[i] == null) {
                throw new NullPointerException("Cell at index " + i + " is null (use a missing cell instead).");
            }
        }
    }

    public DefaultRow(final String rowKey, final DataCell... row) {
        this(new RowKey(rowKey), row);
    }

    public DefaultRow(final RowKey rowKey, final List<DataCell> row) {
        this(rowKey, row.toArray(new DataCell[0]));
    }

    public DefaultRow(final String rowKey, final List<DataCell> row) {
        this(new RowKey(rowKey), row);
    }

    public DefaultRow(final RowKey rowKey, final double... row) {
        this(rowKey, Arrays.stream(row).mapToObj(DoubleCell::new).toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowKey, final double... row) {
        this(new RowKey(rowKey), row);
    }

    public DefaultRow(final RowKey rowKey, final int... row) {
        this(rowKey, Arrays.stream(row).mapToObj(IntCell::new).toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowKey, final int... row) {
        this(new RowKey(rowKey), row);
    }

    public DefaultRow(final RowKey rowKey, final String... row) {
        this(rowKey, Arrays.stream(row).map(StringCell::new).toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowKey, final String... row) {
        this(new RowKey(rowKey), row);
    }

    /** Copies the cells of {@code row} under a new key. */
    public DefaultRow(final RowKey rowKey, final DataRow row) {
        this(rowKey, cellsOf(row));
    }

    public DefaultRow(final String rowKey, final DataRow row) {
        this(new RowKey(rowKey), row);
    }

    private static DataCell[] cellsOf(final DataRow row) {
        DataCell[] cells = new DataCell[row.getNumCells()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = row.getCell(i);
        }
        return cells;
    }

    @Override
    public int getNumCells() {
        return m_row.length;
    }

    @Override
    public RowKey getKey() {
        return m_rowKey;
    }

    @Override
    public DataCell getCell(final int index) {
        return m_row[index];
    }

    @Override
    public Iterator<DataCell> iterator() {
        return List.of(m_row).iterator();
    }

    @Override
    public String toString() {
        return m_rowKey + ": " + Arrays.toString(m_row);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj == this || (obj instanceof DefaultRow other && other.m_rowKey.equals(m_rowKey)
            && Arrays.equals(other.m_row, m_row));
    }

    @Override
    public int hashCode() {
        return m_rowKey.hashCode() ^ Arrays.hashCode(m_row);
    }
}
