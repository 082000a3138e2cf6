package org.segprune.compare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.prune.PrunePlan;
import org.segprune.train.EpochRecord;
import org.segprune.util.Json;
import org.segprune.util.RowLog;
import org.segprune.util.SegPruneException;

/**
 * A comparison's run folder: {@value #SETTINGS} (what the rows were made with) and {@value #ROWS} (every
 * finished row, written the moment it is finished, {@link RowLog}), so that a run killed at any moment
 * resumes where it stopped and a run folder copied without its models resumes on another machine.
 */
final class RunLog {

    static final String SETTINGS = "run-settings.json";
    static final String ROWS = "rows.jsonl";

    /** One seed's unpruned model on the test images. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BaseEntry(long seed, EvaluationReport report, double[] imageDice, List<EpochRecord> curve, double trainSeconds) {
    }

    /** One method at one budget for one seed, with what the statistics and plots need. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RowEntry(CompareRow row, double[] imageDice, List<EpochRecord> curve, List<PrunePlan.LayerPlan> layers) {
    }

    private final RowLog rows;

    private RunLog(RowLog rows) {
        this.rows = rows;
    }

    /**
     * Opens (or starts) the run in {@code folder}; a folder holding rows made with other settings is an
     * error naming the file, so that rows of two set-ups never mix in one table.
     */
    static RunLog open(Path folder, JsonNode settings) {
        Path settingsFile = folder.resolve(SETTINGS);
        if (Files.exists(settingsFile)) {
            JsonNode saved = Json.read(settingsFile, JsonNode.class);
            // as text: a number read back may be another node type than the one serialised
            if (!Json.toString(saved).equals(Json.toString(settings))) {
                throw new SegPruneException("'" + settingsFile + "' holds the rows of a comparison with other settings ("
                        + difference(saved, settings) + "): give another --out folder, or delete the folder to start again");
            }
        } else {
            Json.write(settingsFile, settings);
        }
        return new RunLog(RowLog.open(folder.resolve(ROWS)));
    }

    private static String difference(JsonNode saved, JsonNode now) {
        List<String> keys = new ArrayList<>();
        now.fieldNames().forEachRemaining(key -> {
            if (!Json.toString(now.get(key)).equals(Json.toString(saved.get(key)))) {
                keys.add(key + ": was " + saved.get(key) + ", now " + now.get(key));
            }
        });
        return keys.isEmpty() ? "fields differ" : String.join("; ", keys);
    }

    static String baseKey(long seed) {
        return "seed " + seed + " unpruned";
    }

    static String rowKey(long seed, String method, double budget) {
        return String.format(Locale.ROOT, "seed %d %s at %s", seed, method, budget);
    }

    boolean has(String key) {
        return rows.has(key);
    }

    void append(String key, Object entry) {
        rows.append(key, entry);
    }

    BaseEntry base(long seed) {
        return read(baseKey(seed), BaseEntry.class);
    }

    RowEntry row(long seed, String method, double budget) {
        return read(rowKey(seed, method, budget), RowEntry.class);
    }

    private <T> T read(String key, Class<T> type) {
        for (JsonNode row : rows.rows()) {
            if (row.path(RowLog.KEY).asText().equals(key)) {
                try {
                    return Json.MAPPER.treeToValue(row, type);
                } catch (JsonProcessingException e) {
                    throw new SegPruneException("'" + rows.file() + "': row '" + key + "' cannot be read (" + e.getOriginalMessage()
                            + "): remove its line to produce it again", e);
                }
            }
        }
        throw new IllegalStateException("no row '" + key + "' in " + rows.file());
    }
}
