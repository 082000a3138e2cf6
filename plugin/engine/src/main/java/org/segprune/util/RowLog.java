package org.segprune.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finished rows of a long, resumable run (JSON Lines: one object a line, each with a unique
 * {@value #KEY}), safe against a kill -9 at any moment.
 *
 * <p>Appending rewrites the whole file through {@link AtomicFiles} (temporary sibling, then an atomic
 * move): a reader sees the old rows or the old rows plus the new one, never half a row. Rows are few
 * (methods x budgets x seeds), so the rewrite costs nothing next to producing a row. Opening still
 * accepts a torn last line (no final newline: a file written by an interrupted plain append, or cut
 * off in a copy) and drops it, so that the row is simply produced again; a damaged complete line or a
 * duplicate key is an error naming the file and line.
 */
public final class RowLog {

    public static final String KEY = "key";
    private static final ObjectWriter ONE_LINE = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, ObjectNode> rows;
    private final boolean droppedTornLine;

    private RowLog(Path file, Map<String, ObjectNode> rows, boolean droppedTornLine) {
        this.file = file;
        this.rows = rows;
        this.droppedTornLine = droppedTornLine;
    }

    /** Reads the rows written so far; a missing file is an empty log. */
    public static RowLog open(Path file) {
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new RowLog(file, rows, false);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SegPruneException("cannot read '" + file + "': " + e.getMessage(), e);
        }
        int complete = text.lastIndexOf('\n') + 1;
        boolean torn = complete < text.length();
        String[] lines = text.substring(0, complete).split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            ObjectNode row = parse(file, i + 1, line);
            String key = row.path(KEY).asText("");
            if (key.isEmpty()) {
                throw new SegPruneException("'" + file + "' line " + (i + 1) + " has no \"" + KEY + "\"");
            }
            if (rows.putIfAbsent(key, row) != null) {
                throw new SegPruneException("'" + file + "' line " + (i + 1) + " repeats key '" + key + "'");
            }
        }
        return new RowLog(file, rows, torn);
    }

    private static ObjectNode parse(Path file, int lineNumber, String line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below, with the line
        }
        throw new SegPruneException("'" + file + "' line " + lineNumber + " is not a JSON object: remove the line to"
                + " produce that row again");
    }

    public Path file() {
        return file;
    }

    /** Whether a torn last line was found and dropped when opening. */
    public boolean droppedTornLine() {
        return droppedTornLine;
    }

    public boolean has(String key) {
        return rows.containsKey(key);
    }

    /** The rows in the order they were appended (copies). */
    public List<ObjectNode> rows() {
        List<ObjectNode> copies = new ArrayList<>();
        rows.values().forEach(row -> copies.add(row.deepCopy()));
        return copies;
    }

    /**
     * Adds a finished row (any value that serialises to a JSON object) under a new key and writes the
     * file atomically.
     */
    public void append(String key, Object row) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a row needs a non-empty key");
        }
        if (rows.containsKey(key)) {
            throw new SegPruneException("'" + file + "' already has a row '" + key + "'");
        }
        JsonNode value = Json.MAPPER.valueToTree(row);
        if (!(value instanceof ObjectNode fields)) {
            throw new IllegalArgumentException("a row must be a JSON object, got " + value.getNodeType());
        }
        ObjectNode keyed = Json.MAPPER.createObjectNode().put(KEY, key);
        fields.fields().forEachRemaining(field -> {
            if (!field.getKey().equals(KEY)) {
                keyed.set(field.getKey(), field.getValue());
            }
        });
        Map<String, ObjectNode> next = new LinkedHashMap<>(rows);
        next.put(key, keyed);
        StringBuilder text = new StringBuilder();
        for (ObjectNode r : next.values()) {
            try {
                text.append(ONE_LINE.writeValueAsString(r)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise row '" + r.path(KEY).asText() + "'", e);
            }
        }
        AtomicFiles.writeString(file, text.toString());
        rows.put(key, keyed);
    }
}
