package org.segprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.segprune.util.SegPruneException;

/** Validation of the pruning budget. */
class PruneSettingsTest {

    @ParameterizedTest(name = "ratio {0} is rejected")
    @ValueSource(doubles = {0, 1, 1.5, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    @DisplayName("a ratio outside (0, 1) is rejected")
    void ratioOutsideOpenIntervalRejected(double ratio) {
        SegPruneException e = assertThrows(SegPruneException.class, () -> PruneSettings.ratio(ratio, 1));
        assertTrue(e.getMessage().startsWith("ratio "), e.getMessage());
        assertTrue(e.getMessage().contains("outside (0, 1)"), e.getMessage());
    }

    @ParameterizedTest(name = "keep-params {0} is rejected")
    @ValueSource(doubles = {0, 1, 1.5, -0.1, Double.NaN})
    @DisplayName("a keep-params fraction outside (0, 1) is rejected")
    void keepParamsOutsideOpenIntervalRejected(double fraction) {
        SegPruneException e = assertThrows(SegPruneException.class, () -> PruneSettings.keepParams(fraction, 1));
        assertTrue(e.getMessage().startsWith("keep-params "), e.getMessage());
    }

    @ParameterizedTest(name = "min channels {0} is rejected")
    @ValueSource(ints = {0, -1})
    @DisplayName("a minimum below one channel is rejected")
    void minChannelsBelowOneRejected(int min) {
        assertThrows(SegPruneException.class, () -> PruneSettings.ratio(0.5, min));
        assertThrows(SegPruneException.class, () -> PruneSettings.keepParams(0.5, min));
    }

    @Test
    @DisplayName("a missing mode is rejected")
    void missingModeRejected() {
        assertThrows(SegPruneException.class, () -> new PruneSettings(null, 0.5, 1, PruneSettings.ScoreScale.AUTO));
        assertThrows(SegPruneException.class, () -> new PruneSettings(PruneSettings.Mode.RATIO, 0.5, 1, null));
    }

    @Test
    @DisplayName("values just inside the interval are accepted and described")
    void validValuesAccepted() {
        PruneSettings ratio = PruneSettings.ratio(0.001, 1);
        assertEquals(PruneSettings.Mode.RATIO, ratio.mode());
        assertEquals("local ratio 0.001000", ratio.describe());
        PruneSettings keep = PruneSettings.keepParams(0.999, 3);
        assertEquals(PruneSettings.Mode.KEEP_PARAMS, keep.mode());
        assertEquals(3, keep.minChannels());
        assertEquals("global keep-params 0.9990 (score scale auto)", keep.describe());
    }

    @Test
    void scoreScalesAreReadByTheirIdsAndAnUnknownOneIsRejected() {
        for (PruneSettings.ScoreScale scale : PruneSettings.ScoreScale.values()) {
            assertEquals(scale, PruneSettings.ScoreScale.byId(scale.id()));
        }
        SegPruneException e = assertThrows(SegPruneException.class, () -> PruneSettings.ScoreScale.byId("max"));
        assertEquals("score scale must be auto, layer-max or raw, got 'max'", e.getMessage());
    }
}
