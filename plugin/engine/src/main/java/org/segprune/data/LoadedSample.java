package org.segprune.data;

/**
 * A sample resized to a model's input: image planes [c][h*w] in [0,1] and its mask [h*w]: 0/1 for binary masks,
 * the class index of every pixel for multi-class ones.
 */
public record LoadedSample(String stem, float[][] image, float[] mask, int width, int height) {

    /** Fraction of foreground pixels (any class but background) of the mask. */
    public double foregroundFraction() {
        double sum = 0;
        for (float v : mask) {
            sum += v > 0 ? 1 : 0;
        }
        return sum / mask.length;
    }
}
