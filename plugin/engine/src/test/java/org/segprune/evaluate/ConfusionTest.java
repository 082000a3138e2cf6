package org.segprune.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** METHOD.md "Metrics": counts and ratios against hand computation. */
class ConfusionTest {

    private static final double EPS = 1e-12;

    @Test
    @DisplayName("counts TP/FP/FN/TN at threshold 0.5 and computes every metric as METHOD.md defines it")
    void countsAndMetricsMatchHandComputation() {
        // pixel:          0    1    2    3    4    5     6    7    8    9
        float[] prob = {0.9f, 0.7f, 0.6f, 0.1f, 0.2f, 0.49f, 0.0f, 0.3f, 0.4f, 0.1f};
        float[] mask = {1, 1, 0, 1, 1, 1, 0, 0, 0, 0};
        // predicted (p > 0.5): 0,1,2. truth: 0,1,3,4,5.
        // TP = {0,1} = 2, FP = {2} = 1, FN = {3,4,5} = 3, TN = {6,7,8,9} = 4
        Confusion c = Confusion.of(prob, 0, mask, 0, prob.length, 0.5);

        assertEquals(new Confusion(2, 1, 3, 4), c);
        assertEquals(4.0 / 8.0, c.dice(), EPS); // 2*2 / (2*2 + 1 + 3)
        assertEquals(2.0 / 6.0, c.iou(), EPS); // 2 / (2 + 1 + 3)
        assertEquals(2.0 / 3.0, c.precision(), EPS); // 2 / (2 + 1)
        assertEquals(2.0 / 5.0, c.recall(), EPS); // 2 / (2 + 3)
        assertEquals(4.0 / 5.0, c.specificity(), EPS); // 4 / (4 + 1)
        assertEquals(6.0 / 10.0, c.accuracy(), EPS); // (2 + 4) / 10
    }

    @Test
    @DisplayName("offsets select the right slice of the probability and mask arrays")
    void offsetsSelectTheSlice() {
        // first 3 entries of each array belong to "another image" and would change every count
        float[] prob = {0.9f, 0.9f, 0.9f, /* image: */ 0.8f, 0.2f, 0.7f, 0.1f};
        float[] mask = {0, 0, 0, 0, /* image (offset 4): */ 1, 0, 1, 1};
        // image pixels: (0.8,1)=TP (0.2,0)=TN (0.7,1)=TP (0.1,1)=FN
        Confusion c = Confusion.of(prob, 3, mask, 4, 4, 0.5);
        assertEquals(new Confusion(2, 0, 1, 1), c);
        assertEquals(4.0 / 5.0, c.dice(), EPS);
        assertEquals(1.0, c.precision(), EPS);
    }

    @Test
    @DisplayName("empty mask and empty prediction score 1 for dice and IoU")
    void emptyMaskAndEmptyPredictionScoreOne() {
        float[] prob = {0.1f, 0.2f, 0.3f, 0.4f};
        float[] mask = {0, 0, 0, 0};
        Confusion c = Confusion.of(prob, 0, mask, 0, 4, 0.5);
        assertEquals(new Confusion(0, 0, 0, 4), c);
        assertEquals(1.0, c.dice(), EPS);
        assertEquals(1.0, c.iou(), EPS);
        assertEquals(1.0, c.accuracy(), EPS);
        assertEquals(1.0, c.specificity(), EPS);
    }

    @Test
    @DisplayName("an empty mask with a false positive scores 0 for dice and IoU (0/0 rule only when both are empty)")
    void emptyMaskWithFalsePositiveScoresZero() {
        float[] prob = {0.9f, 0.2f, 0.3f, 0.4f};
        float[] mask = {0, 0, 0, 0};
        Confusion c = Confusion.of(prob, 0, mask, 0, 4, 0.5);
        assertEquals(new Confusion(0, 1, 0, 3), c);
        assertEquals(0.0, c.dice(), EPS);
        assertEquals(0.0, c.iou(), EPS);
        assertEquals(0.0, c.precision(), EPS); // 0 / (0 + 1)
        assertEquals(3.0 / 4.0, c.specificity(), EPS);
    }

    @Test
    @DisplayName("pooled dice (all pixels together) differs from mean per-image dice; both by hand")
    void pooledDiceDiffersFromMeanDice() {
        // image A, 4x4 = 16 pixels: 8 foreground pixels, the prediction hits 6 of them, no false positive
        float[] maskA = new float[16];
        float[] probA = new float[16];
        for (int i = 0; i < 8; i++) {
            maskA[i] = 1;
            probA[i] = i < 6 ? 0.9f : 0.1f;
        }
        // image B, 16 pixels: 2 foreground pixels (0,1), both missed; 2 false positives (2,3)
        float[] maskB = new float[16];
        float[] probB = new float[16];
        maskB[0] = 1;
        maskB[1] = 1;
        probB[2] = 0.8f;
        probB[3] = 0.8f;

        Confusion a = Confusion.of(probA, 0, maskA, 0, 16, 0.5);
        Confusion b = Confusion.of(probB, 0, maskB, 0, 16, 0.5);
        assertEquals(new Confusion(6, 0, 2, 8), a);
        assertEquals(new Confusion(0, 2, 2, 12), b);

        double diceA = 12.0 / 14.0; // 2*6 / (12 + 0 + 2)
        double diceB = 0.0; // 0 / (0 + 2 + 2)
        assertEquals(diceA, a.dice(), EPS);
        assertEquals(diceB, b.dice(), EPS);
        double mean = (diceA + diceB) / 2; // 0.428571...

        Confusion pooled = a.plus(b);
        assertEquals(new Confusion(6, 2, 4, 20), pooled);
        double pooledDice = 12.0 / 18.0; // 2*6 / (12 + 2 + 4) = 0.6667
        assertEquals(pooledDice, pooled.dice(), EPS);
        assertEquals(6.0 / 12.0, pooled.iou(), EPS); // 6 / (6 + 2 + 4)
        assertEquals(0.428571428571, mean, 1e-9);
        assertEquals(0.238095238095, pooledDice - mean, 1e-9);
    }
}
