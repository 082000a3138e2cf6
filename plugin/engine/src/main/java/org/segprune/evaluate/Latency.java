package org.segprune.evaluate;

import java.util.Arrays;
import java.util.function.LongSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.runtime.ExecutionLock;
import org.segprune.runtime.ForwardPass;
import org.segprune.util.Progress;

/** Batch-1 latency (in DL4J or ONNX Runtime): the median of timed forward passes after warm-up passes. */
public final class Latency {

    public static final int WARMUP = 5;
    public static final int MIN_RUNS = 20;

    private Latency() {
    }

    /** How many passes are timed when {@code requested} are asked for: at least {@value #MIN_RUNS}. */
    public static int timedRuns(int requested) {
        return Math.max(MIN_RUNS, requested);
    }

    /**
     * Median milliseconds of {@link #timedRuns(int) timedRuns(runs)} forward passes of batch-1 random input, measured while
     * no other SegPrune execution runs in this JVM ({@link ExecutionLock#alone}).
     */
    public static double medianMillis(ForwardPass pass, long[] inputShape, int runs, Progress progress) {
        INDArray input = Nd4j.rand(DataType.FLOAT, inputShape);
        return ExecutionLock.alone(() -> medianMillis(() -> pass.output(input), runs, progress, System::nanoTime));
    }

    /** The measurement itself, with the pass and the clock given (tests drive both). */
    static double medianMillis(Runnable forward, int runs, Progress progress, LongSupplier nanoTime) {
        int timed = timedRuns(runs);
        for (int i = 0; i < WARMUP; i++) {
            progress.checkCancelled();
            forward.run();
        }
        double[] millis = new double[timed];
        for (int i = 0; i < timed; i++) {
            progress.checkCancelled();
            long start = nanoTime.getAsLong();
            forward.run();
            millis[i] = (nanoTime.getAsLong() - start) / 1e6;
            progress.report((i + 1) / (double) timed, "latency run " + (i + 1) + " of " + timed);
        }
        Arrays.sort(millis);
        return timed % 2 == 1 ? millis[timed / 2] : (millis[timed / 2 - 1] + millis[timed / 2]) / 2;
    }
}
