package org.knime.core.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import javax.swing.JComponent;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * The table passed between nodes. Created only by the framework ({@link ExecutionContext}); this subset holds the
 * rows in memory.
 */
public final class BufferedDataTable implements DataTable, PortObject {

    /** The port type of data tables. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class);

    /** The port type of optional data tables. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class, true);

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows;

    /** Copies the rows of a closed table. */
    BufferedDataTable(final DataTable table) {
        m_spec = table.getDataTableSpec();
        List<DataRow> rows = new ArrayList<>();
        for (DataRow r : table) {
            rows.add(r);
        }
        m_rows = Collections.unmodifiableList(rows);
    }

    BufferedDataTable(final DataTableSpec spec, final List<DataRow> rows) {
        m_spec = spec;
        m_rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    @Override
    public DataTableSpec getDataTableSpec() {
        return m_spec;
    }

    @Override
    public DataTableSpec getSpec() {
        return m_spec;
    }

    @Override
    public CloseableRowIterator iterator() {
        Iterator<DataRow> it = m_rows.iterator();
        return new CloseableRowIterator() {
            private boolean m_closed;

            @Override
            public boolean hasNext() {
                return !m_closed && it.hasNext();
            }

            @Override
            public DataRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }

            @Override
            public void close() {
                m_closed = true;
            }
        };
    }

    /** @return the number of rows */
    public long size() {
        return m_rows.size();
    }

    /** @deprecated use {@link #size()} */
    @Deprecated
    public int getRowCount() {
        return m_rows.size();
    }

    @Override
    public String getSummary() {
        return "Rows: " + size() + ", Cols: " + m_spec.getNumColumns();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    /** The rows, for the framework's own table operations. */
    List<DataRow> rows() {
        return m_rows;
    }

    @Override
    public String toString() {
        return "BufferedDataTable (" + getSummary() + ")";
    }
}
