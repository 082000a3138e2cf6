package org.knime.core.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowIterator;
import org.knime.core.data.def.DefaultRow;

/**
 * Progress/cancel ({@link ExecutionMonitor}) plus creation of output tables. KNIME's constructors take the internal
 * {@code Node}; here the only constructor is package-private (tests reach it through
 * {@code org.segprune.knimetest.TestExecutionContexts}).
 */
public class ExecutionContext extends ExecutionMonitor {

    ExecutionContext(final NodeProgressMonitor progMon) {
        super(progMon);
    }

    /** Copies the argument into a new table (a BufferedDataTable is returned as is). */
    public BufferedDataTable createBufferedDataTable(final DataTable table, final ExecutionMonitor subProgressMon)
        throws CanceledExecutionException {
        if (table instanceof BufferedDataTable bdt) {
            return bdt;
        }
        BufferedDataContainer c = createDataContainer(table.getDataTableSpec(), true);
        int row = 0;
        try {
            for (RowIterator it = table.iterator(); it.hasNext(); row++) {
                DataRow next = it.next();
                final int rowIndex = row;
                subProgressMon.setMessage(() -> "Caching row #" + (rowIndex + 1) + " (\"" + next.getKey() + "\")");
                subProgressMon.checkCanceled();
                c.addRowToTable(next);
            }
        } finally {
            c.close();
        }
        return c.getTable();
    }

    public BufferedDataTable[] createBufferedDataTables(final DataTable[] tables, final ExecutionMonitor exec)
        throws CanceledExecutionException {
        BufferedDataTable[] temp = new BufferedDataTable[tables.length];
        for (int i = 0; i < tables.length; i++) {
            temp[i] = createBufferedDataTable(tables[i], exec.createSubProgress(1.0 / tables.length));
        }
        return temp;
    }

    /** @return an open container; add rows, {@code close()} it, then take {@code getTable()} */
    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return createDataContainer(spec, true);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec, final boolean initDomain) {
        return createDataContainer(spec, initDomain, -1);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec, final boolean initDomain,
        final int maxCellsInMemory) {
        return new BufferedDataContainer(spec, initDomain, maxCellsInMemory);
    }

    /** @return a new table with the same spec and rows */
    public BufferedDataTable createWrappedTable(final BufferedDataTable in) {
        return new BufferedDataTable(in.getDataTableSpec(), in.rows());
    }

    /**
     * @return the rows of {@code in} under a new spec
     * @throws IllegalArgumentException if the column count differs
     */
    public BufferedDataTable createSpecReplacerTable(final BufferedDataTable in, final DataTableSpec newSpec) {
        if (newSpec.getNumColumns() != in.getDataTableSpec().getNumColumns()) {
            throw new IllegalArgumentException("Table specs have different lengths: "
                + newSpec.getNumColumns() + " vs. " + in.getDataTableSpec().getNumColumns());
        }
        return new BufferedDataTable(newSpec, in.rows());
    }

    /** @return a table with the given spec and no rows */
    public BufferedDataTable createVoidTable(final DataTableSpec spec) {
        return new BufferedDataTable(spec, List.of());
    }

    /**
     * Row-wise concatenation; all tables must have the same structure and the row keys must be unique.
     *
     * @throws IllegalArgumentException if the structures differ, keys repeat or no table is given
     */
    public BufferedDataTable createConcatenateTable(final ExecutionMonitor exec, final BufferedDataTable... tables)
        throws CanceledExecutionException {
        if (tables.length == 0) {
            throw new IllegalArgumentException("Argument array is empty.");
        }
        DataTableSpec spec = tables[0].getDataTableSpec();
        List<DataRow> rows = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        for (BufferedDataTable t : tables) {
            if (!spec.equalStructure(t.getDataTableSpec())) {
                throw new IllegalArgumentException("Table specs do not match: " + spec + " vs. " + t.getSpec());
            }
            for (DataRow r : t.rows()) {
                exec.checkCanceled();
                if (!keys.add(r.getKey())) {
                    throw new IllegalArgumentException("Duplicate row key \"" + r.getKey() + "\"");
                }
                rows.add(r);
            }
        }
        return new BufferedDataTable(spec, rows);
    }

    /**
     * Column-wise join of two tables with the same row keys in the same order and distinct column names.
     *
     * @throws IllegalArgumentException if rows or column names don't fit
     */
    public BufferedDataTable createJoinedTable(final BufferedDataTable left, final BufferedDataTable right,
        final ExecutionMonitor exec) throws CanceledExecutionException {
        DataTableSpec spec = new DataTableSpec(left.getDataTableSpec(), right.getDataTableSpec());
        if (left.size() != right.size()) {
            throw new IllegalArgumentException("Tables can't be joined, non matching row counts: " + left.size()
                + " vs. " + right.size());
        }
        List<DataRow> rows = new ArrayList<>();
        Iterator<DataRow> rightIt = right.rows().iterator();
        for (DataRow l : left.rows()) {
            exec.checkCanceled();
            DataRow r = rightIt.next();
            if (!l.getKey().equals(r.getKey())) {
                throw new IllegalArgumentException("Tables contain non-matching rows or are sorted differently, "
                    + "keys: \"" + l.getKey() + "\" vs. \"" + r.getKey() + "\"");
            }
            DataCell[] cells = new DataCell[l.getNumCells() + r.getNumCells()];
            for (int i = 0; i < l.getNumCells(); i++) {
                cells[i] = l.getCell(i);
            }
            for (int i = 0; i < r.getNumCells(); i++) {
                cells[l.getNumCells() + i] = r.getCell(i);
            }
            rows.add(new DefaultRow(l.getKey(), cells));
        }
        return new BufferedDataTable(spec, rows);
    }

    /** @return a context that reports to a share {@code maxProg} of this one's progress */
    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(createSubProgressMonitor(maxProg));
    }

    /** Like {@link #createSubExecutionContext(double)} but ignoring messages. */
    public ExecutionContext createSilentSubExecutionContext(final double maxProg) {
        return new ExecutionContext(createSilentSubProgressMonitor(maxProg));
    }
}
