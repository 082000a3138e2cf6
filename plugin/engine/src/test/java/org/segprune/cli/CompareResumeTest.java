package org.segprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.util.Json;
import org.segprune.util.Progress;
import org.segprune.util.RowLog;

/**
 * {@code segprune compare --seeds}: every finished row is on disk at once; a run killed with kill -9 in
 * the middle resumes on the same folder to exactly the rows an uninterrupted run gives, with no row lost
 * or repeated; the summary pairs methods over seeds and the plots are written; a folder made with
 * other settings is refused.
 */
class CompareResumeTest {

    @TempDir
    Path dir;

    private List<String> compare(Path data, Path out, String seeds) {
        return List.of("compare", "--data", data.toString(), "--methods", "l1,se", "--keep-params", "0.4", "--size",
                "32", "--depth", "2", "--base", "4", "--epochs", "2", "--finetune-epochs", "1", "--scoring-epochs", "1",
                "--batch", "4", "--seeds", seeds, "--out", out.toString());
    }

    private static int runInProcess(List<String> argv) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            int code = SegPruneCli.run(argv.toArray(String[]::new), print, print);
            assertEquals(0, code, sink.toString(StandardCharsets.UTF_8));
            return code;
        }
    }

    @Test
    void aRunKilledMidwayResumesToTheRowsOfAnUninterruptedRun() throws Exception {
        Path data = dir.resolve("data");
        PhantomGenerator.generate(data, PhantomGenerator.Kind.LUNG, 20, 32, 3, Progress.NONE);
        Path killed = dir.resolve("killed");
        Path rows = killed.resolve("rows.jsonl");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SegPruneCli.class.getName()));
        command.addAll(compare(data, killed, "3,4"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (lines(rows) < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child finished or failed before it could be killed: "
                + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no finally
        int survived = lines(rows);
        assertTrue(survived >= 3 && survived < 2 + 2 * 2, "rows kept after the kill: " + survived);
        assertFalse(Files.exists(killed.resolve("compare.json")), "the killed run had not finished");

        runInProcess(compare(data, killed, "3,4"));
        Path clean = dir.resolve("clean");
        runInProcess(compare(data, clean, "3,4"));

        Map<String, JsonNode> resumed = measured(killed);
        assertEquals(2 + 2 * 2, resumed.size(), "an unpruned row and two methods, per seed");
        assertEquals(measured(clean), resumed, "same seeds, same rows, whether interrupted or not");
        assertEquals(resumed.size(), Files.readAllLines(rows).size(), "no row repeated");

        JsonNode result = Json.read(killed.resolve("compare.json"), JsonNode.class);
        assertEquals("[3,4]", result.get("seeds").toString());
        JsonNode summary = result.get("summary");
        assertEquals(1 + 2, summary.size());
        for (JsonNode method : summary) {
            String name = method.get("method").asText();
            assertEquals(2, method.get("seeds").asInt());
            assertEquals(name.equals("se"), method.hasNonNull("versus_l1"), name);
            assertEquals(name.equals("l1"), method.hasNonNull("versus_se"), name);
        }
        for (String png : List.of("dice-vs-params.png", "dice-before-after.png", "kept-channels.png", "learning-curves.png")) {
            byte[] bytes = Files.readAllBytes(killed.resolve("plots").resolve(png));
            assertEquals((byte) 0x89, bytes[0], png + " is a PNG");
            assertEquals('P', bytes[1], png + " is a PNG");
        }
        // a finished run on the same folder does nothing again and gives the same table
        String table = Files.readString(killed.resolve("compare.md"));
        runInProcess(compare(data, killed, "3,4"));
        assertEquals(table.replaceAll("\\| [0-9.]+ \\|\\n", "|\n"),
                Files.readString(killed.resolve("compare.md")).replaceAll("\\| [0-9.]+ \\|\\n", "|\n"));
    }

    @Test
    void aFinishedSeedResumedFromTheRepositoryIsNotTrainedAgain() throws Exception {
        Path data = dir.resolve("data");
        PhantomGenerator.generate(data, PhantomGenerator.Kind.LUNG, 12, 32, 3, Progress.NONE);
        Path out = dir.resolve("out");
        runInProcess(compare(data, out, "3"));
        Path baseModel = out.resolve("seed-3").resolve("base.zip");
        assertTrue(Files.exists(baseModel));
        Files.delete(baseModel); // what the repository holds: rows, no models (.gitignore)

        runInProcess(compare(data, out, "3,4"));
        assertFalse(Files.exists(baseModel), "seed 3 was finished: its base model was trained again");
        assertTrue(Files.exists(out.resolve("seed-4").resolve("base.zip")), "seed 4 was not run");
        assertEquals(2 + 2 * 2, measured(out).size(), "an unpruned row and two methods, per seed");
    }

    @Test
    void aFolderWithRowsOfOtherSettingsIsRefusedNamingTheSetting() throws Exception {
        Path data = dir.resolve("data");
        PhantomGenerator.generate(data, PhantomGenerator.Kind.LUNG, 12, 32, 3, Progress.NONE);
        Path out = dir.resolve("out");
        List<String> argv = new ArrayList<>(compare(data, out, "3"));
        runInProcess(argv);
        argv.set(argv.indexOf("--finetune-epochs") + 1, "2");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = SegPruneCli.run(argv.toArray(String[]::new), print, print);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(code != 0, message);
        assertTrue(message.contains("run-settings.json") && message.contains("finetuning"), message);
    }

    private static int lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        return (int) Files.readString(file).chars().filter(c -> c == '\n').count();
    }

    /** Every row of a run folder without what depends on the machine's speed. */
    private static Map<String, JsonNode> measured(Path run) {
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (ObjectNode row : RowLog.open(run.resolve("rows.jsonl")).rows()) {
            stripTimes(row);
            byKey.put(row.get(RowLog.KEY).asText(), row);
        }
        assertNull(byKey.get(""), "every row has a key");
        assertNotNull(byKey.get("seed 4 unpruned"));
        return byKey;
    }

    private static void stripTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.contains("seconds") || name.contains("latency")) {
                    object.remove(name);
                } else {
                    stripTimes(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(CompareResumeTest::stripTimes);
        }
    }
}
