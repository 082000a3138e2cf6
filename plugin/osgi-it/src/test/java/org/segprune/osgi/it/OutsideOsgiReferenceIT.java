package org.segprune.osgi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segprune.osgi.probe.Scenario;

/**
 * The reference for {@link EquinoxIT}: the probe's scenario on the plain class path (engine, DL4J and the
 * natives as ordinary jars), in its own JVM (javacpp loads each native library once per JVM).
 */
class OutsideOsgiReferenceIT {

    @Test
    void scenarioOnThePlainClassPath() throws Exception {
        Path work = ScenarioResults.work().resolve("outside-osgi");
        Files.createDirectories(work);
        Map<String, Object> results = Scenario.run(work);
        results.forEach((key, value) -> System.out.println("[outside OSGi] " + key + " = " + value));
        assertEquals(true, results.get("flag.oneDnnConvolution"), "oneDNN helpers are not active outside OSGi");
        assertEquals(true, results.get("flag.reloadedIdentical"));
        assertEquals(true, results.get("flag.deeplabReloadedIdentical"));
        assertEquals("onnxruntime", results.get("unet.pruned.onnxruntime.runtime"), "ONNX Runtime did not run outside OSGi");
        assertEquals(true, results.get("flag.runtimesAgree"), "DL4J and ONNX Runtime disagree outside OSGi");
        for (Map.Entry<String, Object> entry : results.entrySet()) {
            if (entry.getKey().startsWith("class.")) {
                assertSame(Scenario.class.getClassLoader(), ((Class<?>) entry.getValue()).getClassLoader(), entry.getKey());
            }
        }
        ScenarioResults.write(results, ScenarioResults.referenceFile());
    }
}
