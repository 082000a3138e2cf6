package org.segprune.score;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.util.AtomicFiles;
import org.segprune.util.SegPruneException;

/**
 * One importance score per filter of every prunable layer (higher = more important), in layer order.
 * As CSV: {@code layer,filter,score,rank,method}, rank 1 being the most important filter of its layer.
 * Files of the first release, without the method column, are still read (their method is "unknown").
 */
public final class ScoreTable {

    public static final String CSV_HEADER = "layer,filter,score,rank,method";
    private static final String LEGACY_CSV_HEADER = "layer,filter,score,rank";
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

    public void writeCsv(Path file) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Row row : rows()) {
            csv.append(row.layer()).append(',').append(row.filter()).append(',')
                    .append(Double.toString(row.score())).append(',').append(row.rank()).append(',').append(method)
                    .append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /** Reads a score CSV; rows of a layer must list filters 0..n-1 in any order, and all rows name one method. */
    public static ScoreTable readCsv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SegPruneException("scores file '" + file + "' does not exist");
        }
        Map<String, List<double[]>> byLayer = new LinkedHashMap<>();
        String method = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            header = header == null ? "" : header.trim();
            if (!header.equals(CSV_HEADER) && !header.equals(LEGACY_CSV_HEADER)) {
                throw new SegPruneException("scores file '" + file + "' must start with the header '" + CSV_HEADER + "'");
            }
            int columns = header.split(",").length;
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != columns) {
                    throw new SegPruneException("scores file '" + file + "' line " + number + ": expected " + columns
                            + " columns, found " + cells.length);
                }
                String rowMethod = columns == 5 ? cells[4].trim() : UNKNOWN_METHOD;
                if (method != null && !method.equals(rowMethod)) {
                    throw new SegPruneException("scores file '" + file + "' line " + number + ": method '" + rowMethod
                            + "' differs from '" + method + "' above; one file holds the scores of one method");
                }
                method = rowMethod;
                try {
                    byLayer.computeIfAbsent(cells[0].trim(), k -> new ArrayList<>())
                            .add(new double[] {Integer.parseInt(cells[1].trim()), Double.parseDouble(cells[2].trim())});
                } catch (NumberFormatException e) {
                    throw new SegPruneException("scores file '" + file + "' line " + number + ": filter or score is not a number");
                }
            }
        } catch (IOException e) {
            throw new SegPruneException("cannot read scores file '" + file + "': " + e.getMessage(), e);
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        byLayer.forEach((layer, rows) -> scores.put(layer, toVector(file, layer, rows)));
        return new ScoreTable(method == null ? UNKNOWN_METHOD : method, scores);
    }

    private static double[] toVector(Path file, String layer, List<double[]> rows) {
        double[] values = new double[rows.size()];
        boolean[] seen = new boolean[rows.size()];
        for (double[] row : rows) {
            int filter = (int) row[0];
            if (filter < 0 || filter >= values.length || seen[filter]) {
                throw new SegPruneException("scores file '" + file + "': layer '" + layer + "' must list filters 0.."
                        + (values.length - 1) + " once each (filter " + filter + ")");
            }
            if (!Double.isFinite(row[1])) {
                throw new SegPruneException("scores file '" + file + "': layer '" + layer + "' filter " + filter
                        + " has a score that is not a finite number");
            }
            seen[filter] = true;
            values[filter] = row[1];
        }
        return values;
    }
}
