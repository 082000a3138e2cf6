package org.segprune.stats;

import java.util.Arrays;

/**
 * The paired Wilcoxon signed-rank test, two-sided, as R's {@code wilcox.test(x, y, paired = TRUE)} by
 * default: zero differences are dropped; the p-value is exact for up to {@link #EXACT_MAX_N} non-zero
 * differences without ties in their absolute values, otherwise the normal approximation with the tie
 * correction of the variance and a continuity correction of 0.5.
 */
public final class Wilcoxon {

    /** Largest n for the exact distribution (2^25 sign patterns are counted, not enumerated). */
    public static final int EXACT_MAX_N = 25;

    /**
     * @param pairs number of pairs given
     * @param nonZero pairs whose difference is not 0 (the test's n)
     * @param statistic V, the sum of the ranks of the positive differences (x > y)
     * @param pValue two-sided; NaN when every difference is 0 (R refuses such a test)
     * @param exact whether the exact distribution was used
     */
    public record Result(int pairs, int nonZero, double statistic, double pValue, boolean exact) {
    }

    private Wilcoxon() {
    }

    public static Result test(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired test needs as many values in x (" + x.length + ") as in y ("
                    + y.length + ")");
        }
        double[] differences = Arrays.stream(differences(x, y)).filter(d -> d != 0).toArray();
        int n = differences.length;
        if (n == 0) {
            return new Result(x.length, 0, 0, Double.NaN, false);
        }
        double[] absolute = Arrays.stream(differences).map(Math::abs).toArray();
        double[] ranks = Ranks.average(absolute);
        double statistic = 0;
        for (int i = 0; i < n; i++) {
            statistic += differences[i] > 0 ? ranks[i] : 0;
        }
        double tieTerm = Ranks.tieTerm(absolute);
        boolean exact = n <= EXACT_MAX_N && tieTerm == 0;
        double p = exact ? exactP(statistic, n) : normalP(statistic, n, tieTerm);
        return new Result(x.length, n, statistic, p, exact);
    }

    private static double[] differences(double[] x, double[] y) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                throw new IllegalArgumentException("pair " + i + " has a missing value (NaN): leave such pairs out first");
            }
            d[i] = x[i] - y[i];
        }
        return d;
    }

    /** Two-sided exact p-value: twice the smaller tail of V's null distribution, at most 1. */
    static double exactP(double statistic, int n) {
        int max = n * (n + 1) / 2;
        double[] ways = new double[max + 1];
        ways[0] = 1;
        for (int rank = 1; rank <= n; rank++) {
            for (int w = max; w >= rank; w--) {
                ways[w] += ways[w - rank];
            }
        }
        double total = Math.pow(2, n);
        int v = (int) Math.round(statistic);
        double lower = 0;
        for (int w = 0; w <= v; w++) {
            lower += ways[w];
        }
        double upper = 0;
        for (int w = v; w <= max; w++) {
            upper += ways[w];
        }
        return Math.min(1, 2 * Math.min(lower, upper) / total);
    }

    /** R's normal approximation: tie-corrected variance, continuity correction toward the mean. */
    static double normalP(double statistic, int n, double tieTerm) {
        double z = statistic - n * (n + 1) / 4.0;
        double sigma = Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24 - tieTerm / 48);
        z = (z - Math.signum(z) * 0.5) / sigma;
        return Math.min(1, 2 * Normal.cdf(-Math.abs(z)));
    }
}
