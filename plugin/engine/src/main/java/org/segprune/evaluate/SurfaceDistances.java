package org.segprune.evaluate;

import java.util.Arrays;

/**
 * Boundary metrics of one image, in pixels: HD95 and the average symmetric surface distance (ASSD).
 *
 * <p>A mask's boundary is its foreground pixels that have a background 4-neighbour or lie on the image
 * edge. For each boundary pixel of one mask, its distance is the Euclidean distance to the nearest
 * boundary pixel of the other mask (an exact distance transform, Felzenszwalb-Huttenlocher, linear in
 * the pixel count).
 * <ul>
 * <li>HD95 = max of the two directed 95th percentiles (METHOD.md); a percentile interpolates linearly
 * between the sorted distances (numpy's and R's default, type 7).</li>
 * <li>ASSD = (sum of the distances of both directions) / (number of boundary pixels of both masks), so
 * every boundary pixel weighs the same.</li>
 * </ul>
 * Empty masks: both empty scores 0 (nothing to miss, as dice scores 1); exactly one empty is undefined
 * (NaN): there is no distance to a boundary that does not exist, and any finite stand-in (say the image
 * diagonal) would mix an arbitrary number into the mean. Callers leave NaN out of means and count it.
 */
public record SurfaceDistances(double hd95, double assd) {

    public static final SurfaceDistances BOTH_EMPTY = new SurfaceDistances(0, 0);
    public static final SurfaceDistances UNDEFINED = new SurfaceDistances(Double.NaN, Double.NaN);

    private static final double FAR = 1e20;

    public boolean defined() {
        return !Double.isNaN(hd95);
    }

    /** Thresholds a probability map against a 0/1 mask as {@link Confusion#of} does, then measures. */
    public static SurfaceDistances of(float[] probabilities, int offset, float[] mask, int maskOffset, int width,
            int height, double threshold) {
        boolean[] predicted = new boolean[width * height];
        boolean[] truth = new boolean[width * height];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = probabilities[offset + i] > threshold;
            truth[i] = mask[maskOffset + i] > 0.5f;
        }
        return of(truth, predicted, width, height);
    }

    /** @param truth, predicted row-major masks of width x height pixels */
    public static SurfaceDistances of(boolean[] truth, boolean[] predicted, int width, int height) {
        if (truth.length != width * height || predicted.length != width * height) {
            throw new IllegalArgumentException("masks must hold " + width + "x" + height + " pixels");
        }
        boolean[] truthEdge = boundary(truth, width, height);
        boolean[] predictedEdge = boundary(predicted, width, height);
        int truthCount = count(truthEdge);
        int predictedCount = count(predictedEdge);
        if (truthCount == 0 && predictedCount == 0) {
            return BOTH_EMPTY;
        }
        if (truthCount == 0 || predictedCount == 0) {
            return UNDEFINED;
        }
        double[] truthToPredicted = directed(truthEdge, truthCount, distanceTo(predictedEdge, width, height));
        double[] predictedToTruth = directed(predictedEdge, predictedCount, distanceTo(truthEdge, width, height));
        double hd95 = Math.max(percentile(truthToPredicted, 95), percentile(predictedToTruth, 95));
        double assd = (sum(truthToPredicted) + sum(predictedToTruth)) / (truthCount + predictedCount);
        return new SurfaceDistances(hd95, assd);
    }

    /** Foreground pixels with a background 4-neighbour or on the image edge. */
    static boolean[] boundary(boolean[] mask, int width, int height) {
        boolean[] edge = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (mask[i]) {
                    edge[i] = x == 0 || y == 0 || x == width - 1 || y == height - 1 || !mask[i - 1] || !mask[i + 1]
                            || !mask[i - width] || !mask[i + width];
                }
            }
        }
        return edge;
    }

    /** Exact Euclidean distance of every pixel to the nearest set pixel (two 1-D passes of squared distances). */
    static double[] distanceTo(boolean[] set, int width, int height) {
        double[] squared = new double[set.length];
        for (int i = 0; i < set.length; i++) {
            squared[i] = set[i] ? 0 : FAR;
        }
        double[] line = new double[Math.max(width, height)];
        double[] out = new double[line.length];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = squared[y * width + x];
            }
            lowerEnvelope(line, height, out);
            for (int y = 0; y < height; y++) {
                squared[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(squared, y * width, line, 0, width);
            lowerEnvelope(line, width, out);
            System.arraycopy(out, 0, squared, y * width, width);
        }
        for (int i = 0; i < squared.length; i++) {
            squared[i] = Math.sqrt(squared[i]);
        }
        return squared;
    }

    /** Felzenszwalb-Huttenlocher: out[q] = min over p of (q - p)^2 + f[p], for the first n values. */
    private static void lowerEnvelope(double[] f, int n, double[] out) {
        int[] parabolaAt = new int[n];
        double[] boundaries = new double[n + 1];
        int k = 0;
        parabolaAt[0] = 0;
        boundaries[0] = Double.NEGATIVE_INFINITY;
        boundaries[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, parabolaAt[k]);
            while (s <= boundaries[k]) {
                k--;
                s = intersection(f, q, parabolaAt[k]);
            }
            k++;
            parabolaAt[k] = q;
            boundaries[k] = s;
            boundaries[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (boundaries[k + 1] < q) {
                k++;
            }
            int p = parabolaAt[k];
            out[q] = (q - p) * (double) (q - p) + f[p];
        }
    }

    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }

    private static double[] directed(boolean[] from, int count, double[] distance) {
        double[] values = new double[count];
        int next = 0;
        for (int i = 0; i < from.length; i++) {
            if (from[i]) {
                values[next++] = distance[i];
            }
        }
        return values;
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double percentile(double[] values, double percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = percent / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static int count(boolean[] values) {
        int count = 0;
        for (boolean value : values) {
            count += value ? 1 : 0;
        }
        return count;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }
}
