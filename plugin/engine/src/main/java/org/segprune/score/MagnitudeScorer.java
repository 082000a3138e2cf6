package org.segprune.score;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.util.SegPruneException;

/**
 * l1 (sum |W_c|) and l2 (sqrt(sum W_c^2)) filter norms, W_c being all weights of filter c (biases
 * excluded), as METHOD.md defines them. No data needed.
 */
public final class MagnitudeScorer implements FilterScorer {

    public static final MagnitudeScorer L1 = new MagnitudeScorer("l1", "sum of absolute weights of the filter", Math::abs, v -> v);
    public static final MagnitudeScorer L2 = new MagnitudeScorer("l2", "Euclidean norm of the filter's weights", v -> v * v,
            Math::sqrt);

    private final String name;
    private final String description;
    private final DoubleUnaryOperator perWeight;
    private final DoubleUnaryOperator finish;

    private MagnitudeScorer(String name, String description, DoubleUnaryOperator perWeight, DoubleUnaryOperator finish) {
        this.name = name;
        this.description = description;
        this.perWeight = perWeight;
        this.finish = finish;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean needsData() {
        return false;
    }

    @Override
    public ScoreTable score(ScoringRequest request) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (String layer : request.channels().prunableLayers()) {
            request.progress().checkCancelled();
            INDArray weights = request.model().graph().getLayer(layer).getParam("W");
            if (weights == null || weights.rank() != 4) {
                throw new SegPruneException("layer '" + layer + "' has no 4-D weight 'W' to score");
            }
            scores.put(layer, filterNorms(weights, request.channels().rule(layer).filterAxis()));
        }
        return new ScoreTable(name, scores);
    }

    /** Norm per output filter along {@code filterAxis}: 0 of a conv's [out,in,kh,kw], 1 of a transposed conv's [in,out,kh,kw]. */
    double[] filterNorms(INDArray weights, int filterAxis) {
        long[] shape = weights.shape();
        int a = (int) shape[0];
        int b = (int) shape[1];
        int kernel = (int) (shape[2] * shape[3]);
        float[] data = weights.dup('c').castTo(DataType.FLOAT).data().asFloat();
        double[] sums = new double[filterAxis == 0 ? a : b];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                int filter = filterAxis == 0 ? i : j;
                int offset = (i * b + j) * kernel;
                for (int k = 0; k < kernel; k++) {
                    sums[filter] += perWeight.applyAsDouble(data[offset + k]);
                }
            }
        }
        for (int f = 0; f < sums.length; f++) {
            sums[f] = finish.applyAsDouble(sums[f]);
        }
        return sums;
    }
}
