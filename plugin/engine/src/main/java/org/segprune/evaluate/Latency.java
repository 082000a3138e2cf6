package org.segprune.evaluate;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;

/** Batch-1 CPU latency: the median of timed forward passes after warm-up passes. */
public final class Latency {

    public static final int WARMUP = 5;
    public static final int MIN_RUNS = 20;

    private Latency() {
    }

    /** Median milliseconds of {@code runs} (at least {@value #MIN_RUNS}) forward passes. */
    public static double medianMillis(SegmentationModel model, int runs, Progress progress) {
        int timed = Math.max(MIN_RUNS, runs);
        ComputationGraph graph = model.graph();
        INDArray input = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, model.info().inputShape());
        for (int i = 0; i < WARMUP; i++) {
            progress.checkCancelled();
            graph.outputSingle(false, input);
        }
        double[] millis = new double[timed];
        for (int i = 0; i < timed; i++) {
            progress.checkCancelled();
            long start = System.nanoTime();
            graph.outputSingle(false, input);
            millis[i] = (System.nanoTime() - start) / 1e6;
            progress.report((i + 1) / (double) timed, "latency run " + (i + 1) + " of " + timed);
        }
        Arrays.sort(millis);
        return timed % 2 == 1 ? millis[timed / 2] : (millis[timed / 2 - 1] + millis[timed / 2]) / 2;
    }
}
