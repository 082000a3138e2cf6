package org.segprune.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.CancelledException;
import org.segprune.util.Progress;

/**
 * Batch-1 latency: warm-up passes are run but not timed, the number of timed passes, the median, progress
 * and cancellation, and the thread count the report gives. A scripted clock makes every pass take a known
 * time, so nothing depends on how fast this machine is.
 */
class LatencyTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    /** A forward pass and a clock: pass k (0-based, warm-ups included) takes durations[k] milliseconds. */
    private static final class ScriptedPasses {
        final AtomicInteger passes = new AtomicInteger();
        final AtomicLong nanos = new AtomicLong();
        private final double[] durations;

        ScriptedPasses(double... durations) {
            this.durations = durations;
        }

        void run() {
            nanos.addAndGet((long) (durations[passes.getAndIncrement()] * 1e6));
        }

        long now() {
            return nanos.get();
        }
    }

    private static double[] warmupsThen(double warmup, double... timed) {
        double[] all = new double[Latency.WARMUP + timed.length];
        java.util.Arrays.fill(all, 0, Latency.WARMUP, warmup);
        System.arraycopy(timed, 0, all, Latency.WARMUP, timed.length);
        return all;
    }

    /** 1, 2, ..., n milliseconds in a scrambled order (11 is coprime with every n used here). */
    private static double[] scrambled(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i * 11 % n) + 1;
        }
        return values;
    }

    @Test
    @DisplayName("an odd number of timed passes gives the middle one; the slow warm-up passes are not timed")
    void oddRunsGiveTheMiddlePassAndWarmupIsNotTimed() {
        ScriptedPasses passes = new ScriptedPasses(warmupsThen(1000, scrambled(21)));
        double median = Latency.medianMillis(passes::run, 21, Progress.NONE, passes::now);
        assertEquals(11.0, median, 1e-9);
        assertEquals(Latency.WARMUP + 21, passes.passes.get());
    }

    @Test
    @DisplayName("an even number of timed passes gives the mean of the two middle ones")
    void evenRunsGiveTheMeanOfTheTwoMiddlePasses() {
        ScriptedPasses passes = new ScriptedPasses(warmupsThen(1000, scrambled(24)));
        assertEquals(12.5, Latency.medianMillis(passes::run, 24, Progress.NONE, passes::now), 1e-9);
        assertEquals(Latency.WARMUP + 24, passes.passes.get());
    }

    @Test
    @DisplayName("fewer runs than the minimum are raised to it; each timed pass reports progress up to 1")
    void fewRunsAreRaisedToTheMinimumAndEachTimedPassReports() {
        assertEquals(Latency.MIN_RUNS, Latency.timedRuns(5));
        assertEquals(37, Latency.timedRuns(37));
        ScriptedPasses passes = new ScriptedPasses(warmupsThen(1000, scrambled(Latency.MIN_RUNS)));
        List<Double> fractions = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void report(double fraction, String message) {
                fractions.add(fraction);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        double median = Latency.medianMillis(passes::run, 5, recording, passes::now);
        assertEquals(Latency.WARMUP + Latency.MIN_RUNS, passes.passes.get());
        assertEquals(Latency.MIN_RUNS, fractions.size());
        assertEquals(1.0 / Latency.MIN_RUNS, fractions.get(0), 1e-12);
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-12);
        assertEquals((Latency.MIN_RUNS / 2 + Latency.MIN_RUNS / 2 + 1) / 2.0, median, 1e-9);
    }

    @Test
    @DisplayName("cancelling stops the measurement before the next pass")
    void cancellingStopsBeforeTheNextPass() {
        ScriptedPasses passes = new ScriptedPasses(warmupsThen(1, scrambled(Latency.MIN_RUNS)));
        Progress cancelAfterThreePasses = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return passes.passes.get() >= 3;
            }
        };
        assertThrows(CancelledException.class,
                () -> Latency.medianMillis(passes::run, 30, cancelAfterThreePasses, passes::now));
        assertEquals(3, passes.passes.get());
    }

    @Test
    @DisplayName("the evaluation report gives the timed run count and the thread count libnd4j computes with")
    void reportGivesRunCountAndThreads(@TempDir Path dir) {
        SegmentationDataset data = PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, 2, 16, 1,
                Progress.NONE);
        SegmentationModel model = Architectures.build(new ModelSpec("unet", 16, 1, 2, 4, 1));
        EvaluationReport report = Evaluator.evaluate(model, "tiny", data, 2, 5, Progress.NONE, null).report();
        assertEquals(Latency.MIN_RUNS, report.latencyRuns());
        assertEquals(Dl4jRuntime.threads(), report.threads());
        Object configured = org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads");
        if (configured != null) {
            assertEquals(Integer.parseInt(configured.toString()), report.threads());
        }
        assertTrue(report.threads() >= 1);
        assertTrue(report.latencyMs() > 0, "a real forward pass takes time: " + report.latencyMs());
    }
}
