package org.segprune.data;

/** A sample resized to a model's input: image planes [c][h*w] in [0,1] and a 0/1 mask [h*w]. */
public record LoadedSample(String stem, float[][] image, float[] mask, int width, int height) {

    /** Fraction of foreground pixels of the mask. */
    public double foregroundFraction() {
        double sum = 0;
        for (float v : mask) {
            sum += v;
        }
        return sum / mask.length;
    }
}
