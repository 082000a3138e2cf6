package org.segprune.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A plain table as nodes exchange it outside KNIME: a schema and rows with unique keys. Cells are
 * String, Integer, Long, Double, Boolean or byte[] (PNG) as the column type says, or null (missing).
 */
public final class NodeTable {

    /** One row: its key (KNIME's RowKey) and one cell per column. */
    public record Row(String key, List<Object> cells) {
        public Row {
            cells = java.util.Collections.unmodifiableList(new ArrayList<>(cells));
        }

        public Object cell(int index) {
            return cells.get(index);
        }
    }

    private final TableSchema schema;
    private final List<Row> rows;

    private NodeTable(TableSchema schema, List<Row> rows) {
        this.schema = schema;
        this.rows = List.copyOf(rows);
    }

    public TableSchema schema() {
        return schema;
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Every cell of one column, read by name (never by position).
     *
     * @throws IllegalArgumentException if the table has no such column
     */
    public List<Object> column(String name) {
        int index = schema.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("the table has no column '" + name + "': " + schema.names());
        }
        List<Object> cells = new ArrayList<>();
        rows.forEach(row -> cells.add(row.cell(index)));
        return cells;
    }

    public int size() {
        return rows.size();
    }

    public static Builder builder(TableSchema schema) {
        return new Builder(schema);
    }

    /** Collects rows, checking each against the schema. */
    public static final class Builder {
        private final TableSchema schema;
        private final List<Row> rows = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();

        private Builder(TableSchema schema) {
            this.schema = schema;
        }

        public Builder add(String key, Object... cells) {
            if (cells.length != schema.columns().size()) {
                throw new IllegalArgumentException("row '" + key + "' has " + cells.length + " cells, the table "
                        + schema.columns().size() + " columns");
            }
            if (!keys.add(key)) {
                throw new IllegalArgumentException("row key '" + key + "' appears twice");
            }
            for (int i = 0; i < cells.length; i++) {
                check(schema.columns().get(i), cells[i], key);
            }
            rows.add(new Row(key, Arrays.asList(cells)));
            return this;
        }

        private static void check(Column column, Object cell, String key) {
            if (cell == null) {
                return;
            }
            Class<?> expected = switch (column.type()) {
                case STRING, OTHER -> String.class;
                case INT -> Integer.class;
                case LONG -> Long.class;
                case DOUBLE -> Double.class;
                case BOOLEAN -> Boolean.class;
                case PNG -> byte[].class;
            };
            if (!expected.isInstance(cell)) {
                throw new IllegalArgumentException("row '" + key + "', column '" + column.name() + "': expected "
                        + expected.getSimpleName() + ", got " + cell.getClass().getSimpleName());
            }
        }

        public NodeTable build() {
            return new NodeTable(schema, rows);
        }
    }
}
