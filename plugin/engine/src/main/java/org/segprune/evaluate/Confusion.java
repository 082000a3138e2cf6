package org.segprune.evaluate;

/**
 * Pixel counts of one image (or pooled over many) and the metrics of METHOD.md. Empty denominators
 * follow one rule: a metric whose ratio is 0/0 scores 1 when there was nothing to get wrong (for dice
 * and IoU: mask and prediction both empty) and 0 otherwise.
 */
public record Confusion(long tp, long fp, long fn, long tn) {

    public Confusion plus(Confusion other) {
        return new Confusion(tp + other.tp, fp + other.fp, fn + other.fn, tn + other.tn);
    }

    public double dice() {
        return ratio(2 * tp, 2 * tp + fp + fn, true);
    }

    public double iou() {
        return ratio(tp, tp + fp + fn, true);
    }

    /** TP / (TP + FP); nothing predicted scores 1 only if there was nothing to find. */
    public double precision() {
        return ratio(tp, tp + fp, fn == 0);
    }

    /** Sensitivity, TP / (TP + FN); an empty mask scores 1 (nothing was missed). */
    public double recall() {
        return ratio(tp, tp + fn, true);
    }

    /** TN / (TN + FP); an all-foreground mask scores 1. */
    public double specificity() {
        return ratio(tn, tn + fp, true);
    }

    public double accuracy() {
        return ratio(tp + tn, tp + tn + fp + fn, true);
    }

    private static double ratio(long numerator, long denominator, boolean emptyIsPerfect) {
        if (denominator == 0) {
            return emptyIsPerfect ? 1 : 0;
        }
        return numerator / (double) denominator;
    }

    /** Counts pixels of a probability map against a 0/1 mask at the given threshold. */
    public static Confusion of(float[] probabilities, int offset, float[] mask, int maskOffset, int length, double threshold) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < length; i++) {
            boolean predicted = probabilities[offset + i] > threshold;
            boolean truth = mask[maskOffset + i] > 0.5f;
            if (predicted && truth) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (truth) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }
}
