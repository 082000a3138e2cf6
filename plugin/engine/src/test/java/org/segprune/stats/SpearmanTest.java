package org.segprune.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpearmanTest {

    @Test
    @DisplayName("rank correlation by hand: monotone 1, reversed -1, one swap of five 0.9, ties averaged")
    void byHand() {
        assertEquals(1, Spearman.correlation(new double[] {1, 2, 3}, new double[] {10, 20, 300}), 1e-15);
        assertEquals(-1, Spearman.correlation(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
        // ranks 1..5 against 2,1,3,4,5: 1 - 6 * (1 + 1) / (5 * 24) = 0.9
        assertEquals(0.9, Spearman.correlation(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 3, 4, 5}), 1e-15);
        // y ranks 1.5,1.5,3: Pearson of (1,2,3) and (1.5,1.5,3) = 1.5 / sqrt(2 * 1.5) = 0.8660 (SciPy spearmanr: 0.8660254)
        assertEquals(Math.sqrt(3) / 2, Spearman.correlation(new double[] {1, 2, 3}, new double[] {7, 7, 9}), 1e-15);
        assertTrue(Double.isNaN(Spearman.correlation(new double[] {1, 2}, new double[] {4, 4})), "constant side");
    }
}
