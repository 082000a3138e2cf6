package org.segprune.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segprune.util.AtomicFiles;
import org.segprune.util.SegPruneException;

/**
 * A table as CSV: a header of the column names, one line per row, cells as their text (missing cells
 * empty). The row key becomes a first column when the caller names it. Written atomically.
 */
public final class Csv {

    private Csv() {
    }

    /** The CSV text; PNG cells must have been replaced by the caller (they are written as their length otherwise). */
    public static String format(NodeTable table, String rowKeyColumn) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        if (rowKeyColumn != null) {
            header.add(rowKeyColumn);
        }
        header.addAll(table.schema().names());
        csv.append(String.join(",", header.stream().map(Csv::quote).toList())).append('\n');
        for (NodeTable.Row row : table.rows()) {
            List<String> cells = new ArrayList<>();
            if (rowKeyColumn != null) {
                cells.add(quote(row.key()));
            }
            for (Object cell : row.cells()) {
                cells.add(cell == null ? "" : quote(cell instanceof byte[] bytes ? bytes.length + " bytes" : cell.toString()));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    /** Writes {@link #format} to {@code file} atomically. */
    public static void write(NodeTable table, String rowKeyColumn, Path file) {
        AtomicFiles.writeString(file, format(table, rowKeyColumn));
    }

    /**
     * Reads a CSV written by {@link #write} without row-key column (no quoted commas): every column a
     * string column, row keys "line 2", "line 3", ... (the line numbers)
     *
     * @param what how messages name the file, e.g. "scores file 'x.csv'"
     */
    public static NodeTable read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new SegPruneException(what + " does not exist");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            List<Column> columns = new ArrayList<>();
            for (String name : (header == null ? "" : header.trim()).split(",")) {
                columns.add(new Column(name.trim(), ColumnType.STRING));
            }
            NodeTable.Builder table = NodeTable.builder(new TableSchema(columns));
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != columns.size()) {
                    throw new SegPruneException(what + " line " + number + ": expected " + columns.size()
                            + " columns, found " + cells.length);
                }
                Object[] values = new Object[cells.length];
                for (int i = 0; i < cells.length; i++) {
                    values[i] = cells[i].trim();
                }
                table.add("line " + number, values);
            }
            return table.build();
        } catch (IOException e) {
            throw new SegPruneException("cannot read " + what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SegPruneException(what + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
