package org.segprune.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.segprune.util.SegPruneException;

/** The columns of a plain table (KNIME: a DataTableSpec), in order; names are unique. */
public record TableSchema(List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' appears twice");
            }
        }
    }

    public static TableSchema of(Column... columns) {
        return new TableSchema(Arrays.asList(columns));
    }

    /** Index of the column, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return names;
    }

    /**
     * The index of a required column, checked to have one of the allowed types.
     *
     * @param table how the message names the table, e.g. "the image table"
     * @param role  what the column is for, e.g. "image paths"
     * @throws SegPruneException naming the table, column and the columns it has
     */
    public int require(String table, String name, String role, ColumnType... allowed) {
        if (name == null || name.isBlank()) {
            throw new SegPruneException("choose the column of " + table + " that holds " + role);
        }
        int index = indexOf(name);
        if (index < 0) {
            throw new SegPruneException(table + " has no column '" + name + "' (" + role + "); its columns are: "
                    + (columns.isEmpty() ? "none" : String.join(", ", names())));
        }
        ColumnType type = columns.get(index).type();
        if (!Arrays.asList(allowed).contains(type)) {
            throw new SegPruneException("column '" + name + "' of " + table + " must hold " + role + " as "
                    + Arrays.stream(allowed).map(ColumnType::label).collect(Collectors.joining(" or "))
                    + " cells, but its type is " + type.label());
        }
        return index;
    }
}
