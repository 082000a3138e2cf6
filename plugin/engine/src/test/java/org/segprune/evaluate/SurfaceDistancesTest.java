package org.segprune.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** HD95 and ASSD against hand computations on small masks. */
class SurfaceDistancesTest {

    private static final double EPS = 1e-12;

    /** Rows of '#' (foreground) and '.' (background). */
    private static boolean[] mask(String... rows) {
        boolean[] mask = new boolean[rows.length * rows[0].length()];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                mask[y * rows[0].length() + x] = rows[y].charAt(x) == '#';
            }
        }
        return mask;
    }

    @Test
    @DisplayName("boundary: foreground with a background 4-neighbour or on the image edge")
    void boundaryPixels() {
        boolean[] square = mask(
                ".....",
                ".###.",
                ".###.",
                ".###.",
                ".....");
        boolean[] expected = mask(
                ".....",
                ".###.",
                ".#.#.",
                ".###.",
                ".....");
        assertArrayEquals(expected, SurfaceDistances.boundary(square, 5, 5));
        boolean[] full = mask("###", "###", "###");
        assertArrayEquals(mask("###", "#.#", "###"), SurfaceDistances.boundary(full, 3, 3), "edge pixels are boundary");
    }

    @Test
    @DisplayName("a 3x3 square against itself shifted one pixel right: HD95 1, ASSD 8/16")
    void shiftedSquare() {
        boolean[] truth = mask(
                ".......",
                ".###...",
                ".###...",
                ".###...",
                ".......");
        boolean[] predicted = mask(
                ".......",
                "..###..",
                "..###..",
                "..###..",
                ".......");
        // truth's 8 boundary pixels to predicted's boundary: row 1: 1,0,0; row 2: (1,2)->(2,2) 1, (3,2)->1
        // (predicted's centre (3,2) is not boundary); row 3: 1,0,0. Sorted 0,0,0,0,1,1,1,1: 95th percentile 1,
        // sum 4. The other direction is the mirror image: sum 4. ASSD = (4 + 4) / (8 + 8).
        SurfaceDistances d = SurfaceDistances.of(truth, predicted, 7, 5);
        assertEquals(1, d.hd95(), EPS);
        assertEquals(0.5, d.assd(), EPS);
    }

    @Test
    @DisplayName("distances are Euclidean: single pixels 3 across and 4 down are 5 apart")
    void euclidean() {
        boolean[] truth = new boolean[6 * 6];
        boolean[] predicted = new boolean[6 * 6];
        truth[0] = true; // (0,0)
        predicted[4 * 6 + 3] = true; // (3,4)
        SurfaceDistances d = SurfaceDistances.of(truth, predicted, 6, 6);
        assertEquals(5, d.hd95(), EPS);
        assertEquals(5, d.assd(), EPS);
    }

    @Test
    @DisplayName("HD95 interpolates between order statistics; ASSD weighs every boundary pixel alike")
    void percentileAndWeighting() {
        // one row of 11 pixels: truth is all of it, the prediction only pixel 0. Truth -> prediction: 0..10,
        // 95th percentile at position 0.95 * 10 = 9.5 -> 9.5. Prediction -> truth: 0. ASSD = (0 + ... + 10) / 12.
        boolean[] truth = mask("###########");
        boolean[] predicted = mask("#..........");
        SurfaceDistances d = SurfaceDistances.of(truth, predicted, 11, 1);
        assertEquals(9.5, d.hd95(), EPS);
        assertEquals(55.0 / 12, d.assd(), EPS);
        assertEquals(d, SurfaceDistances.of(predicted, truth, 11, 1), "symmetric");
    }

    @Test
    @DisplayName("empty masks: both empty 0, exactly one empty undefined (NaN)")
    void emptyMasks() {
        boolean[] empty = new boolean[9];
        boolean[] one = mask("...", ".#.", "...");
        assertEquals(SurfaceDistances.BOTH_EMPTY, SurfaceDistances.of(empty, empty, 3, 3));
        assertFalse(SurfaceDistances.of(empty, one, 3, 3).defined());
        assertTrue(Double.isNaN(SurfaceDistances.of(one, empty, 3, 3).assd()));
        assertEquals(new SurfaceDistances(0, 0), SurfaceDistances.of(one, one, 3, 3));
    }

    @Test
    @DisplayName("thresholds probabilities at the given threshold and reads the slice at the offsets")
    void fromProbabilities() {
        float[] probabilities = {0.9f, /* image: */ 0.2f, 0.7f, 0.1f, 0.1f};
        float[] mask = {/* image: */ 1, 0, 0, 0};
        // truth pixel (0,0), predicted pixel (1,0) of a 2x2 image: distance 1
        SurfaceDistances d = SurfaceDistances.of(probabilities, 1, mask, 0, 2, 2, 0.5);
        assertEquals(new SurfaceDistances(1, 1), d);
    }

    @Test
    @DisplayName("the distance transform equals brute force on random 23x17 masks")
    void distanceTransformIsExact() {
        Random random = new Random(7);
        int width = 23;
        int height = 17;
        for (int trial = 0; trial < 20; trial++) {
            boolean[] set = new boolean[width * height];
            for (int i = 0; i < set.length; i++) {
                set[i] = random.nextDouble() < (trial % 2 == 0 ? 0.02 : 0.3);
            }
            set[random.nextInt(set.length)] = true;
            double[] fast = SurfaceDistances.distanceTo(set, width, height);
            for (int i = 0; i < set.length; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < set.length; j++) {
                    if (set[j]) {
                        best = Math.min(best, Math.hypot(i % width - j % width, i / width - j / width));
                    }
                }
                assertEquals(best, fast[i], 1e-9, "pixel " + i + " of trial " + trial);
            }
        }
    }
}
