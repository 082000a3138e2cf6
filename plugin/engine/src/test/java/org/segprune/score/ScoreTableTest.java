package org.segprune.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.util.SegPruneException;

/** The score CSV ({@code layer,filter,score,rank}) and ranks. */
class ScoreTableTest {

    @TempDir
    Path dir;

    private static ScoreTable sample() {
        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("enc0_conv1", new double[] {0.2, 0.9, 0.5});
        scores.put("up0", new double[] {1.25, 0.001, 3.0, 2.125});
        return new ScoreTable("l1", scores);
    }

    @Test
    @DisplayName("write then read gives the same layers, in order, and the same scores")
    void csvRoundTrip() {
        Path file = dir.resolve("scores.csv");
        sample().writeCsv(file);
        ScoreTable read = ScoreTable.readCsv(file);
        assertEquals(List.of("enc0_conv1", "up0"), read.layers());
        assertArrayEquals(new double[] {0.2, 0.9, 0.5}, read.scores("enc0_conv1"), 0.0);
        assertArrayEquals(new double[] {1.25, 0.001, 3.0, 2.125}, read.scores("up0"), 0.0);
        assertEquals("l1", read.method());
    }

    @Test
    @DisplayName("rank 1 is the highest score of its layer; the CSV carries header, filter and rank")
    void rankOneIsHighestInLayer() throws IOException {
        List<ScoreTable.Row> rows = sample().rows();
        // enc0_conv1: 0.2 -> 3, 0.9 -> 1, 0.5 -> 2; up0: 1.25 -> 3, 0.001 -> 4, 3.0 -> 1, 2.125 -> 2
        assertEquals(List.of(
                new ScoreTable.Row("enc0_conv1", 0, 0.2, 3),
                new ScoreTable.Row("enc0_conv1", 1, 0.9, 1),
                new ScoreTable.Row("enc0_conv1", 2, 0.5, 2),
                new ScoreTable.Row("up0", 0, 1.25, 3),
                new ScoreTable.Row("up0", 1, 0.001, 4),
                new ScoreTable.Row("up0", 2, 3.0, 1),
                new ScoreTable.Row("up0", 3, 2.125, 2)), rows);

        Path file = dir.resolve("scores.csv");
        sample().writeCsv(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("layer,filter,score,rank,method", lines.get(0));
        assertEquals(8, lines.size());
        String[] second = lines.get(2).split(",");
        assertEquals("enc0_conv1", second[0]);
        assertEquals("1", second[1]);
        assertEquals(0.9, Double.parseDouble(second[2]), 0.0);
        assertEquals("1", second[3]);
        assertEquals("l1", second[4]);
    }

    @Test
    @DisplayName("reading accepts filters listed in any order")
    void filtersInAnyOrder() throws IOException {
        Path file = write("shuffled.csv", "layer,filter,score,rank\nc,2,0.3,1\nc,0,0.1,3\nc,1,0.2,2\n");
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, ScoreTable.readCsv(file).scores("c"), 0.0);
    }

    @Test
    @DisplayName("a file of the first release, without the method column, is read with method 'unknown'")
    void legacyFileWithoutMethodIsRead() throws IOException {
        Path file = write("legacy.csv", "layer,filter,score,rank\nc,0,0.1,2\nc,1,0.2,1\n");
        ScoreTable read = ScoreTable.readCsv(file);
        assertArrayEquals(new double[] {0.1, 0.2}, read.scores("c"), 0.0);
        assertEquals("unknown", read.method());
    }

    @Test
    @DisplayName("rows naming two methods are rejected, naming the file and line")
    void mixedMethodsRejected() throws IOException {
        assertRejected(write("mixed.csv", "layer,filter,score,rank,method\nc,0,0.1,2,l1\nc,1,0.2,1,se\n"), "line 3");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private void assertRejected(Path file, String expectedFragment) {
        SegPruneException e = assertThrows(SegPruneException.class, () -> ScoreTable.readCsv(file));
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), "message says '" + expectedFragment + "': " + e.getMessage());
    }

    @Test
    @DisplayName("a wrong header is rejected, naming the file")
    void wrongHeaderRejected() throws IOException {
        assertRejected(write("header.csv", "layer,channel,value,rank\nc,0,0.1,1\n"), "header");
    }

    @Test
    @DisplayName("an empty file is rejected, naming the file")
    void emptyFileRejected() throws IOException {
        assertRejected(write("empty.csv", ""), "header");
    }

    @Test
    @DisplayName("a score that is not a number is rejected, naming the file and line")
    void nonNumberScoreRejected() throws IOException {
        assertRejected(write("nan.csv", "layer,filter,score,rank\nc,0,0.1,1\nc,1,abc,2\n"), "line 3");
    }

    @Test
    @DisplayName("a filter index that is not a whole number is rejected, naming the file")
    void nonIntegerFilterRejected() throws IOException {
        assertRejected(write("filter.csv", "layer,filter,score,rank\nc,zero,0.1,1\n"), "not a number");
    }

    @Test
    @DisplayName("a missing filter index (0 and 2 without 1) is rejected, naming the file and layer")
    void missingFilterRejected() throws IOException {
        assertRejected(write("gap.csv", "layer,filter,score,rank\nc,0,0.1,2\nc,2,0.3,1\n"), "layer 'c'");
    }

    @Test
    @DisplayName("a filter listed twice is rejected, naming the file and layer")
    void duplicateFilterRejected() throws IOException {
        assertRejected(write("dup.csv", "layer,filter,score,rank\nc,0,0.1,2\nc,0,0.3,1\n"), "layer 'c'");
    }

    @Test
    @DisplayName("a row with the wrong number of columns is rejected, naming the file")
    void wrongColumnCountRejected() throws IOException {
        assertRejected(write("cols.csv", "layer,filter,score,rank,method\nc,0,0.1,1\n"), "5 columns");
    }

    @Test
    @DisplayName("a score of NaN or infinity is rejected, naming the file")
    void nonFiniteScoreRejected() throws IOException {
        assertRejected(write("inf.csv", "layer,filter,score,rank\nc,0,NaN,1\n"), "finite");
        assertRejected(write("inf2.csv", "layer,filter,score,rank\nc,0,Infinity,1\n"), "finite");
    }

    @Test
    @DisplayName("a missing scores file is rejected, naming the file")
    void missingFileRejected() {
        assertRejected(dir.resolve("absent.csv"), "does not exist");
    }

    @Test
    @DisplayName("arbitrary double scores survive the CSV exactly")
    void arbitraryScoresSurviveExactly() {
        double[] values = {Math.PI, 1.0 / 3.0, 12345.678901234, 9.87654321e-7};
        Path file = dir.resolve("precise.csv");
        new ScoreTable("l2", Map.of("c", values)).writeCsv(file);
        double[] read = ScoreTable.readCsv(file).scores("c");
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], read[i], 0.0, "filter " + i);
        }
    }
}
