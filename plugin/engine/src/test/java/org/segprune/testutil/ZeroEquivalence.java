package org.segprune.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.ChannelSelector;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Surgery;
import org.segprune.score.ScoreTable;

/**
 * METHOD.md's correctness test of physical pruning, shared by the architecture tests: zero the removed
 * filters in the original (weights, bias, batch-norm gamma and beta, so each removed channel is exactly
 * 0 after its activation); the pruned network's output must equal the zeroed original's.
 */
public final class ZeroEquivalence {

    public static final double TOLERANCE = 1e-5;

    /** What one check pruned. */
    public record Result(SegmentationModel pruned, ChannelGraph graph, Map<Integer, int[]> kept) {
    }

    private ZeroEquivalence() {
    }

    /** Randomises batch norms, prunes with random scores and asserts the pruned network equals the zeroed original. */
    public static Result assertZeroEquivalent(SegmentationModel model, PruneSettings settings, long seed) {
        TinyModels.randomiseBatchNorms(model.graph(), seed);
        ChannelGraph graph = ChannelGraph.of(model);
        ScoreTable scores = randomScores(graph, seed);
        Map<Integer, int[]> kept = ChannelSelector.select(graph, scores, settings);
        INDArray originalParams = model.graph().params().dup();

        SegmentationModel pruned = Surgery.apply(model, graph, kept, "test");
        assertEquals(originalParams, model.graph().params(), "surgery must not change its input model");
        assertTrue(pruned.graph().numParams() < model.graph().numParams(), "the pruned model is physically smaller");

        ComputationGraph zeroed = model.graph().clone();
        zeroRemovedChannels(zeroed, graph, kept);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, model.info().inputChannels(), model.info().inputSize(),
                model.info().inputSize());
        INDArray expected = zeroed.outputSingle(false, input);
        INDArray actual = pruned.graph().outputSingle(false, input);
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(difference < TOLERANCE, "pruned output differs from the zeroed original by " + difference);
        // and zeroing really changed the network, so the comparison is not trivially true
        double change = model.graph().outputSingle(false, input).sub(expected).amaxNumber().doubleValue();
        assertTrue(change > 1e-4, "zeroing the removed channels should change the original's output");
        return new Result(pruned, graph, kept);
    }

    public static ScoreTable randomScores(ChannelGraph graph, long seed) {
        Random random = new Random(seed);
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (String layer : graph.prunableLayers()) {
            double[] values = new double[graph.groupOf(layer).channels()];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextDouble();
            }
            scores.put(layer, values);
        }
        return new ScoreTable("random", scores);
    }

    /**
     * Silences every removed channel where it is made: each layer's rule zeroes the removed channels of
     * its output (a producer's filters and bias, a batch norm's gamma and beta).
     */
    public static void zeroRemovedChannels(ComputationGraph zeroed, ChannelGraph graph, Map<Integer, int[]> kept) {
        for (String vertex : graph.order()) {
            if (graph.layer(vertex) == null || zeroed.getLayer(vertex).numParams() == 0) {
                continue;
            }
            int channels = graph.layout(vertex).stream().mapToInt(ChannelGraph.Segment::channels).sum();
            List<Integer> removed = removed(channels, graph.keptIndices(graph.layout(vertex), kept));
            if (!removed.isEmpty()) {
                graph.rule(vertex).silenced(zeroed.getLayer(vertex).paramTable(), removed)
                        .forEach((key, value) -> zeroed.getLayer(vertex).setParam(key, value));
            }
        }
    }

    public static List<Integer> removed(int channels, int[] kept) {
        Set<Integer> keep = new HashSet<>();
        for (int c : kept) {
            keep.add(c);
        }
        return java.util.stream.IntStream.range(0, channels).filter(c -> !keep.contains(c)).boxed().toList();
    }
}
