package org.segprune.stats;

/** The standard normal distribution function. */
final class Normal {

    private Normal() {
    }

    /** P(Z <= z), via the complementary error function. */
    static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /**
     * Chebyshev fit of erfc with fractional error below 1.2e-7 everywhere (Numerical Recipes, erfcc):
     * ample for p-values, and no dependency for one function.
     */
    static double erfc(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double value = t * Math.exp(-x * x + poly);
        return x >= 0 ? value : 2 - value;
    }
}
