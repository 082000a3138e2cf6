package org.segprune.graph;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch norm's inference statistics, one value per channel in double precision: at inference it is the affine map
 * {@code y = scale x + shift} with {@code scale = gamma / sqrt(var + eps)} and {@code shift = beta - mean scale}.
 *
 * @param var the variance (DL4J's default log-std form keeps log10 of the std without eps and adds eps when it
 *            normalises)
 */
public record BatchNormStats(double[] gamma, double[] beta, double[] mean, double[] var, double eps) {

    /** The statistics of a DL4J batch norm layer from its parameters; gamma and beta are the fixed values when locked. */
    public static BatchNormStats of(BatchNormalization conf, Map<String, INDArray> params) {
        double[] mean = doubles(params.get("mean"));
        double[] var;
        if (params.containsKey("log10stdev")) {
            var = Arrays.stream(doubles(params.get("log10stdev"))).map(log10std -> Math.pow(10, 2 * log10std)).toArray();
        } else {
            var = doubles(params.get("var"));
        }
        double[] gamma = conf.isLockGammaBeta() ? filled(mean.length, conf.getGamma()) : doubles(params.get("gamma"));
        double[] beta = conf.isLockGammaBeta() ? filled(mean.length, conf.getBeta()) : doubles(params.get("beta"));
        return new BatchNormStats(gamma, beta, mean, var, conf.getEps());
    }

    public double[] scale() {
        double[] scale = new double[gamma.length];
        for (int c = 0; c < scale.length; c++) {
            scale[c] = gamma[c] / Math.sqrt(var[c] + eps);
        }
        return scale;
    }

    public double[] shift() {
        double[] scale = scale();
        double[] shift = new double[beta.length];
        for (int c = 0; c < shift.length; c++) {
            shift[c] = beta[c] - mean[c] * scale[c];
        }
        return shift;
    }

    static double[] doubles(INDArray array) {
        return array.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    private static double[] filled(int n, double value) {
        double[] values = new double[n];
        Arrays.fill(values, value);
        return values;
    }
}
