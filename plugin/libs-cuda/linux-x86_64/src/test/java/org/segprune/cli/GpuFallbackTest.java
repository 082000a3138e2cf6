package org.segprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.runtime.Backend;
import org.segprune.util.Progress;

/**
 * With "SegPrune GPU support" installed (this fragment's jars: nd4j-cuda-11.6 next to nd4j-native) on a machine without
 * the NVIDIA driver, as this build machine is: gpu computes on the CPU with exactly one warning line, auto silently, neither
 * prints a stack trace (ND4J's own lookup would), and the results are those of a run without the CUDA jars. Each run is
 * its own JVM, as the backend is fixed once per JVM.
 */
class GpuFallbackTest {

    private record Run(int exit, List<String> output, JsonNode report) {

        List<String> stackTraceLines() {
            return output.stream().filter(line -> line.startsWith("\tat ") || line.contains("Exception")
                    || line.contains("Error")).toList();
        }
    }

    private static List<Path> cudaJars() throws IOException {
        Path dir = Path.of(System.getProperty("segprune.cudaJars"));
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Run evaluate(Path dir, String name, List<Path> extraJars, String backend)
            throws IOException, InterruptedException {
        Path report = dir.resolve(name + ".json");
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        extraJars.forEach(jar -> classPath.append(File.pathSeparator).append(jar));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classPath.toString(), SegPruneCli.class.getName()));
        if (backend != null) {
            command.addAll(List.of("--backend", backend));
        }
        command.addAll(List.of("evaluate", "--model", dir.resolve("m.zip").toString(), "--data", dir.resolve("data").toString(),
                "--out", report.toString()));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove(Backend.ENV);
        int exit = builder.start().waitFor();
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        return new Run(exit, output, exit == 0 ? new ObjectMapper().readTree(report.toFile()) : null);
    }

    @Test
    void withTheCudaJarsAndNoDriverGpuWarnsOnceAutoSaysNothingAndTheCpuResultsAreKept(@TempDir Path dir) throws Exception {
        List<Path> cuda = cudaJars();
        assertTrue(cuda.stream().anyMatch(jar -> jar.getFileName().toString().equals("nd4j-cuda-11.6-1.0.0-M2.1.jar"))
                && cuda.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("cuda-11.6-8.3-1.5.7-linux")),
                "the fragment's CUDA jars: " + cuda);
        assertFalse(Files.exists(Path.of("/proc/driver/nvidia")),
                "this test checks the fallback and needs a machine without the NVIDIA driver");
        PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, 4, 32, 5, Progress.NONE);
        ModelIO.save(Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 5)), dir.resolve("m.zip"), false);

        Run cpuOnly = evaluate(dir, "cpu-only", List.of(), null);
        Run gpu = evaluate(dir, "gpu", cuda, "gpu");
        Run auto = evaluate(dir, "auto", cuda, null);

        for (Run run : List.of(cpuOnly, gpu, auto)) {
            assertEquals(0, run.exit(), String.join("\n", run.output()));
            assertEquals(List.of(), run.stackTraceLines(), "no stack trace: " + String.join("\n", run.output()));
        }
        List<String> warnings = gpu.output().stream().filter(line -> line.contains("Warning")).toList();
        assertEquals(1, warnings.size(), String.join("\n", gpu.output()));
        assertEquals("Warning: backend gpu requested, but the NVIDIA driver (libcuda.so.1) was not found: computing on the CPU",
                warnings.get(0));
        assertTrue(auto.output().stream().noneMatch(line -> line.contains("Warning") || line.contains("backend")),
                "auto falls back silently: " + String.join("\n", auto.output()));
        for (String field : List.of("dice_mean", "dice_pooled", "iou_mean", "params")) {
            assertEquals(cpuOnly.report().get(field).asDouble(), gpu.report().get(field).asDouble(), 0.0, "gpu " + field);
            assertEquals(cpuOnly.report().get(field).asDouble(), auto.report().get(field).asDouble(), 0.0, "auto " + field);
        }
        for (Run run : List.of(gpu, auto)) {
            assertEquals("cpu", run.report().get("backend").asText());
            assertEquals(cpuOnly.report().get("device").asText(), run.report().get("device").asText());
        }
    }
}
