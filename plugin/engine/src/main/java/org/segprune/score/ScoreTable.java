package org.segprune.score;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.Csv;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;
import org.segprune.util.SegPruneException;

/**
 * One importance score per filter of every prunable layer (higher = more important), in layer order.
 * As CSV: {@code layer,filter,score,rank,method}, rank 1 being the most important filter of its layer.
 * Files of the first release, without the method column, are still read (their method is "unknown").
 */
public final class ScoreTable {

    public static final String LAYER = "layer";
    public static final String FILTER = "filter";
    public static final String SCORE = "score";
    public static final String RANK = "rank";
    public static final String METHOD = "method";

    /** The columns of the scores, in CSV and in the Attention Scorer's table. */
    public static final TableSchema SCHEMA = TableSchema.of(new Column(LAYER, ColumnType.STRING, "the layer"),
            new Column(FILTER, ColumnType.INT, "the filter's index within its layer"),
            new Column(SCORE, ColumnType.DOUBLE, "its importance"),
            new Column(RANK, ColumnType.INT, "1 = most important in its layer"),
            new Column(METHOD, ColumnType.STRING, "the scoring method"));

    private static final String UNKNOWN_METHOD = "unknown";

    private final String method;
    private final Map<String, double[]> scores;

    public ScoreTable(String method, Map<String, double[]> scores) {
        this.method = method;
        Map<String, double[]> copy = new LinkedHashMap<>();
        scores.forEach((layer, values) -> copy.put(layer, values.clone()));
        this.scores = Collections.unmodifiableMap(copy);
    }

    public String method() {
        return method;
    }

    public List<String> layers() {
        return List.copyOf(scores.keySet());
    }

    public double[] scores(String layer) {
        double[] values = scores.get(layer);
        return values == null ? null : values.clone();
    }

    /** One row of the table. */
    public record Row(String layer, int filter, double score, int rank) {
    }

    /** Ranks within each layer: 1 for the highest score; ties keep filter order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        scores.forEach((layer, values) -> {
            Integer[] byScore = new Integer[values.length];
            for (int i = 0; i < values.length; i++) {
                byScore[i] = i;
            }
            java.util.Arrays.sort(byScore, (a, b) -> Double.compare(values[b], values[a]));
            int[] rank = new int[values.length];
            for (int r = 0; r < byScore.length; r++) {
                rank[byScore[r]] = r + 1;
            }
            for (int i = 0; i < values.length; i++) {
                rows.add(new Row(layer, i, values[i], rank[i]));
            }
        });
        return rows;
    }

    /** The scores as a table: one row per filter (row key "layer#filter"), columns {@link #SCHEMA}. */
    public NodeTable toTable() {
        NodeTable.Builder table = NodeTable.builder(SCHEMA);
        for (Row row : rows()) {
            table.add(row.layer() + "#" + row.filter(), row.layer(), row.filter(), row.score(), row.rank(), method);
        }
        return table.build();
    }

    /** Writes {@link #toTable} as CSV with the header {@code layer,filter,score,rank,method}. */
    public void writeCsv(Path file) {
        Csv.write(toTable(), null, file);
    }

    /** Reads a score CSV; rows of a layer must list filters 0..n-1 in any order, and all rows name one method. */
    public static ScoreTable readCsv(Path file) {
        String what = "scores file '" + file + "'";
        NodeTable table = Csv.read(file, what);
        List<String> header = table.schema().names();
        if (!header.equals(SCHEMA.names()) && !header.equals(SCHEMA.names().subList(0, 4))) {
            throw new SegPruneException(what + " must start with the header '" + String.join(",", SCHEMA.names()) + "'");
        }
        return fromTable(table, what);
    }

    /**
     * The scores of a table with the columns layer, filter, score and optionally method (read by name; numbers
     * as numbers or text). Rows of a layer must list filters 0..n-1 once each, in any order; all rows name one
     * method.
     *
     * @param what how messages name the table, e.g. "the score table"
     */
    public static ScoreTable fromTable(NodeTable table, String what) {
        if (table.size() == 0) {
            throw new SegPruneException(what + " is empty");
        }
        List<Object> layers = table.column(LAYER);
        List<Object> filters = table.column(FILTER);
        List<Object> scores = table.column(SCORE);
        List<Object> methods = table.schema().indexOf(METHOD) >= 0 ? table.column(METHOD) : null;
        Map<String, List<double[]>> byLayer = new LinkedHashMap<>();
        String method = null;
        for (int i = 0; i < table.size(); i++) {
            String key = table.rows().get(i).key();
            if (layers.get(i) == null || filters.get(i) == null || scores.get(i) == null) {
                throw new SegPruneException("row '" + key + "' of " + what + " has a missing layer, filter or score");
            }
            String rowMethod = methods == null || methods.get(i) == null ? UNKNOWN_METHOD : methods.get(i).toString();
            if (method != null && !method.equals(rowMethod)) {
                throw new SegPruneException("row '" + key + "' of " + what + ": method '" + rowMethod + "' differs from '"
                        + method + "' above; one table holds the scores of one method");
            }
            method = rowMethod;
            byLayer.computeIfAbsent(layers.get(i).toString(), k -> new ArrayList<>())
                    .add(new double[] {number(filters.get(i), key, what), number(scores.get(i), key, what)});
        }
        Map<String, double[]> vectors = new LinkedHashMap<>();
        byLayer.forEach((layer, rows) -> vectors.put(layer, toVector(what, layer, rows)));
        return new ScoreTable(method, vectors);
    }

    private static double number(Object cell, String key, String what) {
        if (cell instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(cell.toString());
        } catch (NumberFormatException e) {
            throw new SegPruneException("row '" + key + "' of " + what + ": filter or score is not a number");
        }
    }

    private static double[] toVector(String what, String layer, List<double[]> rows) {
        double[] values = new double[rows.size()];
        boolean[] seen = new boolean[rows.size()];
        for (double[] row : rows) {
            double filter = row[0];
            if (filter != Math.rint(filter) || filter < 0 || filter >= values.length || seen[(int) filter]) {
                throw new SegPruneException(what + ": layer '" + layer + "' must list filters 0.." + (values.length - 1)
                        + " once each (filter " + (long) filter + ")");
            }
            if (!Double.isFinite(row[1])) {
                throw new SegPruneException(what + ": layer '" + layer + "' filter " + (long) filter
                        + " has a score that is not a finite number");
            }
            seen[(int) filter] = true;
            values[(int) filter] = row[1];
        }
        return values;
    }
}
