package org.segprune.knimetest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;

/** Builds and reads {@link BufferedDataTable}s in tests. */
public final class TestTables {

    private TestTables() {
    }

    /**
     * @return a table with the given rows (checked against the spec like KNIME's containers do)
     * @throws IllegalArgumentException if a row doesn't fit the spec or keys repeat
     */
    public static BufferedDataTable create(final DataTableSpec spec, final DataRow... rows) {
        return create(spec, Arrays.asList(rows));
    }

    /** @see #create(DataTableSpec, DataRow...) */
    public static BufferedDataTable create(final DataTableSpec spec, final List<? extends DataRow> rows) {
        BufferedDataContainer container = TestExecutionContexts.create().createDataContainer(spec);
        for (DataRow row : rows) {
            container.addRowToTable(row);
        }
        container.close();
        return container.getTable();
    }

    /** @return all rows of the table in order */
    public static List<DataRow> rows(final DataTable table) {
        List<DataRow> result = new ArrayList<>();
        for (DataRow row : table) {
            result.add(row);
        }
        return result;
    }
}
