package org.segprune.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reference p-values from SciPy 1.10.1 (Debian python3-scipy), {@code scipy.stats.wilcoxon(x, y,
 * zero_method='wilcox', correction=True, method=...)}, which follows R's wilcox.test(paired = TRUE).
 */
class WilcoxonTest {

    @Test
    @DisplayName("three positive differences: V = 6, exact p = 2 * 1/8 by hand")
    void exactByHand() {
        Wilcoxon.Result r = Wilcoxon.test(new double[] {3, 5, 9}, new double[] {1, 2, 3});
        assertEquals(6, r.statistic());
        assertTrue(r.exact());
        assertEquals(0.25, r.pValue(), 1e-15); // the only sign pattern with V >= 6 is all positive: 1 of 8
    }

    @Test
    @DisplayName("ten dice pairs without ties: the exact distribution, as SciPy method='exact'")
    void exactMatchesScipy() {
        double[] x = {0.91, 0.85, 0.78, 0.88, 0.95, 0.70, 0.83, 0.90, 0.875, 0.80};
        double[] y = {0.885, 0.86, 0.71, 0.835, 0.90, 0.73, 0.79, 0.84, 0.86, 0.71};
        Wilcoxon.Result r = Wilcoxon.test(x, y);
        assertTrue(r.exact());
        assertEquals(50, r.statistic()); // W- = 5 (ranks 1 and 4): SciPy reports min(W+, W-) = 5
        assertEquals(0.01953125, r.pValue(), 1e-12); // SciPy: 0.01953125 (= 20/1024)
    }

    @Test
    @DisplayName("zeros dropped, tied ranks averaged: normal approximation with tie and continuity correction")
    void tiesAndZerosUseTheCorrectedNormalApproximation() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        double[] y = {1, 1, 1, 2, 7, 4, 4, 4, 9, 12, 12, 8};
        // differences 0 1 2 2 -2 2 3 4 0 -2 -1 4: two zeros dropped, n = 10
        Wilcoxon.Result r = Wilcoxon.test(x, y);
        assertFalse(r.exact());
        assertEquals(10, r.nonZero());
        assertEquals(12, r.pairs());
        // |d| ranks: 1,1 -> 1.5; 2 x5 -> 5; 3 -> 8; 4,4 -> 9.5. V = 1.5 + 5*3 + 8 + 9.5*2 = 43.5 (SciPy: W- = 11.5)
        assertEquals(43.5, r.statistic());
        assertEquals(0.10894087157711467, r.pValue(), 1e-6); // SciPy method='approx'
    }

    @Test
    @DisplayName("n = 30 without ties is past the exact limit: normal approximation, as SciPy method='approx'")
    void largeSampleUsesTheNormalApproximation() {
        double[] x = new double[30];
        double[] y = new double[30];
        for (int k = 1; k <= 30; k++) {
            y[k - 1] = 0.8;
            x[k - 1] = 0.8 + (k % 3 == 0 ? -1 : 1) * k * 0.003;
        }
        Wilcoxon.Result r = Wilcoxon.test(x, y);
        assertFalse(r.exact());
        assertEquals(300, r.statistic()); // 465 - the negatives' ranks 3+6+...+30 = 165
        assertEquals(0.1681789797233525, r.pValue(), 1e-6); // SciPy method='approx'
    }

    @Test
    @DisplayName("all differences zero: no test (p NaN), as R refuses it; unequal lengths and NaN are errors")
    void degenerateInput() {
        assertTrue(Double.isNaN(Wilcoxon.test(new double[] {1, 2}, new double[] {1, 2}).pValue()));
        assertThrows(IllegalArgumentException.class, () -> Wilcoxon.test(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Wilcoxon.test(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    @DisplayName("the normal distribution function matches tabulated values")
    void normalCdf() {
        assertEquals(0.5, Normal.cdf(0), 1e-7);
        assertEquals(0.9750021048517795, Normal.cdf(1.96), 1e-7); // SciPy norm.cdf(1.96)
        assertEquals(0.0013498980316301, Normal.cdf(-3), 1e-9); // SciPy norm.cdf(-3)
    }
}
