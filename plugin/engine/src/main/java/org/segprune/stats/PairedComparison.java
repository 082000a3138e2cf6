package org.segprune.stats;

/**
 * One method against a reference on the same images: the Wilcoxon signed-rank test and the fraction of
 * images the method improved (strictly better than the reference; ties are not improvements, and every
 * image counts in the denominator).
 */
public record PairedComparison(int images, double meanDifference, double fractionImproved, Wilcoxon.Result wilcoxon) {

    /**
     * @param method, reference the per-image metric of each, in the same image order
     * @param higherIsBetter true for dice, false for distances such as HD95 (then improved means smaller)
     */
    public static PairedComparison of(double[] method, double[] reference, boolean higherIsBetter) {
        if (method.length == 0) {
            throw new IllegalArgumentException("a paired comparison needs at least one image");
        }
        Wilcoxon.Result test = Wilcoxon.test(method, reference);
        int improved = 0;
        double[] differences = new double[method.length];
        for (int i = 0; i < method.length; i++) {
            differences[i] = method[i] - reference[i];
            improved += (higherIsBetter ? differences[i] > 0 : differences[i] < 0) ? 1 : 0;
        }
        return new PairedComparison(method.length, Summary.mean(differences), improved / (double) method.length, test);
    }
}
