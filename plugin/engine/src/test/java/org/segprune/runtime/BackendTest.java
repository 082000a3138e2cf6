package org.segprune.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.util.SegPruneException;

/** Which backend is chosen, from where, and how the CUDA backend is kept out of ND4J's sight for cpu. */
class BackendTest {

    @Test
    void theOptionWinsThenTheEnvironmentThenTheSystemPropertyThenAuto() {
        Map<String, String> env = Map.of(Backend.ENV, "gpu");
        assertEquals("cpu", Backend.resolve("cpu", env, "gpu"));
        assertEquals("gpu", Backend.resolve(null, env, "cpu"));
        assertEquals("cpu", Backend.resolve(null, Map.of(), "CPU "));
        assertEquals("cpu", Backend.resolve(null, Map.of(Backend.ENV, " "), "cpu"), "a blank variable is no choice");
        assertEquals("auto", Backend.resolve(null, Map.of(), null));
    }

    @Test
    void aBadValueIsOneLineNamingWhereItCameFrom() {
        assertEquals("--backend must be one of auto, cpu, gpu, got 'cuda'",
                assertThrows(SegPruneException.class, () -> Backend.resolve("cuda", Map.of(), null)).getMessage());
        assertEquals("the environment variable SEGPRUNE_BACKEND must be one of auto, cpu, gpu, got 'tpu'",
                assertThrows(SegPruneException.class, () -> Backend.resolve(null, Map.of(Backend.ENV, "tpu"), null))
                        .getMessage());
        assertEquals("the system property segprune.backend must be one of auto, cpu, gpu, got '1'",
                assertThrows(SegPruneException.class, () -> Backend.resolve(null, Map.of(), "1")).getMessage());
    }

    @Test
    void thisBuildServesNoGpuBackend() {
        assertFalse(Backend.servesGpu(getClass().getClassLoader()), "the default build must not carry nd4j-cuda");
    }

    @Test
    void forCpuTheCudaBackendsServiceFileIsHiddenAndTheCpuBackendsKept(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("org.nd4j.linalg.factory.Nd4jBackend"), "# nd4j-cuda\n" + Backend.GPU_BACKEND + "\n");
        try (URLClassLoader withCuda = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertTrue(Backend.servesGpu(withCuda));
            List<URL> all = Collections.list(withCuda.getResources(Backend.SERVICE));
            ClassLoader hiding = new Backend.WithoutGpuBackend(withCuda);
            List<URL> seen = Collections.list(hiding.getResources(Backend.SERVICE));
            assertEquals(all.size() - 1, seen.size(), all + " -> " + seen);
            assertTrue(seen.stream().noneMatch(url -> url.toString().startsWith(dir.toUri().toString())), seen.toString());
            assertFalse(Backend.servesGpu(hiding));
            assertFalse(seen.isEmpty(), "the CPU backend's service file stays visible");
            assertEquals(withCuda.getResources("META-INF/MANIFEST.MF").hasMoreElements(),
                    hiding.getResources("META-INF/MANIFEST.MF").hasMoreElements(), "other resources pass through");
        }
    }
}
