package org.segprune.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    @DisplayName("mean and sample SD (n - 1) by hand; one value has SD 0, none has NaN")
    void meanAndSd() {
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5, Summary.mean(values), 1e-15);
        assertEquals(Math.sqrt(32.0 / 7), Summary.sd(values), 1e-15); // squared deviations sum to 32
        assertEquals(0, Summary.sd(new double[] {3}));
        assertTrue(Double.isNaN(Summary.mean(new double[0])));
        assertTrue(Double.isNaN(Summary.sd(new double[0])));
    }

    @Test
    @DisplayName("fraction improved counts strict improvements over all images, in the metric's direction")
    void fractionImproved() {
        double[] method = {0.9, 0.8, 0.7, 0.6};
        double[] reference = {0.8, 0.8, 0.75, 0.5};
        PairedComparison dice = PairedComparison.of(method, reference, true);
        assertEquals(0.5, dice.fractionImproved(), 1e-15); // images 0 and 3 better, 1 tied, 2 worse
        assertEquals(0.0375, dice.meanDifference(), 1e-15); // (0.1 + 0 - 0.05 + 0.1) / 4
        assertEquals(3, dice.wilcoxon().nonZero());
        PairedComparison distance = PairedComparison.of(method, reference, false);
        assertEquals(0.25, distance.fractionImproved(), 1e-15); // only image 2 is smaller
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[0], new double[0], true));
    }
}
