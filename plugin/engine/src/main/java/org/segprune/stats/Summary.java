package org.segprune.stats;

/** Mean and sample standard deviation, the summaries every report uses. */
public final class Summary {

    private Summary() {
    }

    /** NaN for no values. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (n - 1); 0 for a single value (nothing spreads), NaN for none. */
    public static double sd(double[] values) {
        if (values.length < 2) {
            return values.length == 0 ? Double.NaN : 0;
        }
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
