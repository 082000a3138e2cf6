package org.segprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.runtime.Backend;
import org.segprune.util.Progress;

/**
 * On this CPU-only machine (no SegPrune GPU support installed) a GPU asked for ends on the CPU with one warning line and no
 * stack trace, and the results are those of the CPU asked for. The backend is fixed once per JVM, so each choice runs
 * in its own JVM, as a user starts the command line.
 */
class BackendFallbackTest {

    private record Run(int exit, List<String> stderr, JsonNode report) {
    }

    private static Run evaluate(Path dir, String name, Map<String, String> environment, String... backendOption)
            throws IOException, InterruptedException {
        Path report = dir.resolve(name + ".json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), SegPruneCli.class.getName()));
        command.addAll(List.of(backendOption));
        command.addAll(List.of("evaluate", "--model", dir.resolve("m.zip").toString(), "--data", dir.resolve("data").toString(),
                "--out", report.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().remove(Backend.ENV);
        builder.environment().putAll(environment);
        int exit = builder.start().waitFor();
        List<String> stderr = Files.readAllLines(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
        return new Run(exit, stderr, exit == 0 ? new ObjectMapper().readTree(report.toFile()) : null);
    }

    @Test
    void gpuWithoutGpuSupportComputesOnTheCpuWithOneWarningAndTheCpusResults(@TempDir Path dir) throws Exception {
        PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, 4, 32, 5, Progress.NONE);
        ModelIO.save(Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 5)), dir.resolve("m.zip"), false);

        Run gpu = evaluate(dir, "gpu", Map.of(Backend.ENV, "gpu"));
        Run cpu = evaluate(dir, "cpu", Map.of(Backend.ENV, "gpu"), "--backend", "cpu");

        assertEquals(0, gpu.exit(), String.join("\n", gpu.stderr()));
        assertEquals(0, cpu.exit(), String.join("\n", cpu.stderr()));
        List<String> warnings = gpu.stderr().stream().filter(line -> line.contains("backend gpu requested")).toList();
        assertEquals(1, warnings.size(), String.join("\n", gpu.stderr()));
        assertTrue(warnings.get(0).startsWith("Warning: ") && warnings.get(0).endsWith("computing on the CPU"), warnings.get(0));
        assertTrue(gpu.stderr().stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                "no stack trace: " + String.join("\n", gpu.stderr()));
        assertTrue(cpu.stderr().stream().noneMatch(line -> line.contains("backend gpu requested")),
                "--backend cpu wins over the environment: " + String.join("\n", cpu.stderr()));
        for (String field : List.of("dice_mean", "dice_pooled", "iou_mean", "params")) {
            assertEquals(cpu.report().get(field).asDouble(), gpu.report().get(field).asDouble(), 0.0, field);
        }
        assertEquals("cpu", gpu.report().get("backend").asText());
        assertEquals(cpu.report().get("device").asText(), gpu.report().get("device").asText());
        assertEquals("dl4j", gpu.report().get("runtime").asText());
    }

    @Test
    void aBadBackendIsOneLineNamingTheOption(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = SegPruneCli.run(new String[] {"--backend", "cuda", "phantoms", "--kind", "lung", "--count", "1", "--out",
                dir.resolve("p").toString()}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals("segprune: error: --backend must be one of auto, cpu, gpu, got 'cuda'",
                err.toString(StandardCharsets.UTF_8).strip());
        assertTrue(Files.notExists(dir.resolve("p")), "nothing is written");
    }
}
