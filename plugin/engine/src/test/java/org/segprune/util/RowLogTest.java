package org.segprune.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowLogTest {

    @TempDir
    Path dir;

    record Row(String method, double budget, long seed, double dice) {
    }

    private static final List<Row> ROWS = List.of(new Row("l1", 0.05, 1, 0.81), new Row("se", 0.05, 1, 0.83),
            new Row("sbca", 0.011, 2, 0.79));

    private static String key(Row row) {
        return row.method() + "@" + row.budget() + "#" + row.seed();
    }

    @Test
    @DisplayName("rows appended are read back in order; a rerun sees which keys are done")
    void appendAndResume() {
        Path file = dir.resolve("rows.jsonl");
        RowLog log = RowLog.open(file);
        assertTrue(log.rows().isEmpty());
        ROWS.forEach(r -> log.append(key(r), r));
        RowLog again = RowLog.open(file);
        assertFalse(again.droppedTornLine());
        assertEquals(List.of("l1@0.05#1", "se@0.05#1", "sbca@0.011#2"),
                again.rows().stream().map(r -> r.get(RowLog.KEY).asText()).toList());
        assertEquals(0.83, again.rows().get(1).get("dice").asDouble());
        assertTrue(again.has("sbca@0.011#2"));
        assertFalse(again.has("sbca@0.011#3"));
    }

    @Test
    @DisplayName("a torn last line is dropped on opening and the row can be produced again: no corrupt or duplicated row")
    void tornLastLineIsDropped() throws IOException {
        Path file = dir.resolve("rows.jsonl");
        RowLog log = RowLog.open(file);
        log.append(key(ROWS.get(0)), ROWS.get(0));
        log.append(key(ROWS.get(1)), ROWS.get(1));
        Files.writeString(file, "{\"key\":\"sbca@0.011#2\",\"method\":\"sb", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        RowLog resumed = RowLog.open(file);
        assertTrue(resumed.droppedTornLine());
        assertEquals(2, resumed.rows().size());
        assertFalse(resumed.has("sbca@0.011#2"));
        resumed.append(key(ROWS.get(2)), ROWS.get(2));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), String.join("\n", lines));
        RowLog reread = RowLog.open(file);
        assertFalse(reread.droppedTornLine());
        assertEquals(3, reread.rows().size());
    }

    @Test
    @DisplayName("a kill at any byte of a plain append leaves a log that opens to a prefix of the rows")
    void everyTruncationOpensToAPrefix() throws IOException {
        Path whole = dir.resolve("whole.jsonl");
        RowLog log = RowLog.open(whole);
        ROWS.forEach(r -> log.append(key(r), r));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.jsonl");
        for (int length = 0; length <= bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            List<String> keys = RowLog.open(cut).rows().stream().map(r -> r.get(RowLog.KEY).asText()).toList();
            List<String> expected = ROWS.subList(0, keys.size()).stream().map(RowLogTest::key).toList();
            assertEquals(expected, keys, "cut at byte " + length);
        }
    }

    @Test
    @DisplayName("a repeated key, a damaged complete line or a missing key is an error naming the file and line")
    void damageIsAClearError() throws IOException {
        Path file = dir.resolve("rows.jsonl");
        RowLog log = RowLog.open(file);
        log.append("a", Map.of("dice", 0.5));
        SegPruneException repeated = assertThrows(SegPruneException.class, () -> log.append("a", Map.of("dice", 0.6)));
        assertTrue(repeated.getMessage().contains("already has a row 'a'"), repeated.getMessage());
        assertEquals(1, RowLog.open(file).rows().size(), "the file is unchanged");

        Files.writeString(file, "{\"key\":\"a\"}\n{\"key\":\"a\"}\n");
        assertTrue(assertThrows(SegPruneException.class, () -> RowLog.open(file)).getMessage().contains("line 2 repeats key 'a'"));
        Files.writeString(file, "{\"key\":\"a\"}\n{\"key\":\n{\"key\":\"b\"}\n");
        SegPruneException damaged = assertThrows(SegPruneException.class, () -> RowLog.open(file));
        assertTrue(damaged.getMessage().contains("rows.jsonl' line 2 is not a JSON object"), damaged.getMessage());
        Files.writeString(file, "{\"dice\":1}\n");
        assertTrue(assertThrows(SegPruneException.class, () -> RowLog.open(file)).getMessage().contains("line 1 has no"));
    }
}
