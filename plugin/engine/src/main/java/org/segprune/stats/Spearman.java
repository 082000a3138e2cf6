package org.segprune.stats;

/** Spearman's rank correlation: Pearson's correlation of the average ranks (ties share their rank). */
public final class Spearman {

    private Spearman() {
    }

    /** NaN when either side has fewer than 2 values or is constant (no ranking to compare). */
    public static double correlation(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("rank correlation needs as many values in x (" + x.length + ") as in y ("
                    + y.length + ")");
        }
        if (x.length < 2) {
            return Double.NaN;
        }
        double[] rx = Ranks.average(x);
        double[] ry = Ranks.average(y);
        double mx = Summary.mean(rx);
        double my = Summary.mean(ry);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
