package org.segprune.table;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A record's components as table columns, named as Jackson's snake-case naming writes them to JSON, so
 * a report's JSON, CSV and KNIME table share one definition: the record. Strings, ints, longs, doubles
 * and booleans map to their column types (NaN becomes a missing cell), a long[] to "AxBxC" text and a
 * list to its items joined with " | ". A component that is itself a record (a nested block of a JSON report,
 * such as the evaluation's per-class block) is not a cell and is left out.
 */
public final class RecordTables {

    private RecordTables() {
    }

    /** The columns of {@code type}'s components, without the {@code excluded} ones (by Java name). */
    public static TableSchema schemaOf(Class<? extends Record> type, String... excluded) {
        List<Column> columns = new ArrayList<>();
        for (RecordComponent component : components(type, excluded)) {
            columns.add(new Column(snakeCase(component.getName()), typeOf(component.getType())));
        }
        return new TableSchema(columns);
    }

    /** The cells of one record, in {@link #schemaOf} order. */
    public static Object[] cellsOf(Record record, String... excluded) {
        List<RecordComponent> components = components(record.getClass(), excluded);
        Object[] cells = new Object[components.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cell(read(components.get(i), record));
        }
        return cells;
    }

    private static List<RecordComponent> components(Class<?> type, String... excluded) {
        List<String> skip = Arrays.asList(excluded);
        return Arrays.stream(type.getRecordComponents()).filter(c -> !skip.contains(c.getName()))
                .filter(c -> !c.getType().isRecord()).toList();
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    private static ColumnType typeOf(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return ColumnType.INT;
        } else if (type == long.class || type == Long.class) {
            return ColumnType.LONG;
        } else if (type == double.class || type == Double.class) {
            return ColumnType.DOUBLE;
        } else if (type == boolean.class || type == Boolean.class) {
            return ColumnType.BOOLEAN;
        }
        return ColumnType.STRING;
    }

    private static Object cell(Object value) {
        if (value instanceof Double d && d.isNaN()) {
            return null;
        } else if (value instanceof long[] dims) {
            return String.join("x", Arrays.stream(dims).mapToObj(Long::toString).toList());
        } else if (value instanceof List<?> items) {
            return String.join(" | ", items.stream().map(Object::toString).toList());
        } else if (value instanceof Number || value instanceof Boolean || value == null) {
            return value;
        }
        return value.toString();
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
