package org.segprune.evaluate;

/**
 * One foreground class of one image of a multi-class model: its pixel counts (class against every other class)
 * and its boundary distances (hd95 and assd NaN where exactly one of mask and prediction lacks the class).
 */
public record ClassMetrics(int classIndex, Confusion confusion, SurfaceDistances boundary) {

    /** Counts and distances of class {@code c}: {@code predicted} is its 0/1 map, {@code mask} holds class indices. */
    public static ClassMetrics of(int c, float[] predicted, float[] mask, int offset, int size) {
        int plane = size * size;
        float[] truth = new float[plane];
        for (int p = 0; p < plane; p++) {
            truth[p] = mask[offset + p] == c ? 1 : 0;
        }
        Confusion confusion = Confusion.of(predicted, offset, truth, 0, plane, 0.5);
        SurfaceDistances boundary = SurfaceDistances.of(predicted, offset, truth, 0, size, size, 0.5);
        return new ClassMetrics(c, confusion, boundary);
    }
}
