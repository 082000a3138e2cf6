package org.segprune.score;

import java.util.Arrays;
import org.segprune.util.SegPruneException;

/**
 * Settings of the data-driven (attention) scores, with METHOD.md's defaults: 3 epochs of Adam at
 * 1e-3 training only the attention modules, reduction r = 16, SACA grids 1/2/4, SBCA pooled to 32.
 * Magnitude scores ignore them.
 */
public record ScoringSettings(int epochs, double learningRate, int batchSize, int reduction, int[] sacaGrids,
        int sbcaPool, long seed) {

    public static final ScoringSettings DEFAULTS = new ScoringSettings(3, 1e-3, 8, 16, new int[] {1, 2, 4}, 32, 42);

    public ScoringSettings {
        if (epochs < 1) {
            throw new SegPruneException("scoring epochs must be at least 1, got " + epochs);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new SegPruneException("scoring learning rate must be in (0, 1), got " + learningRate);
        }
        if (batchSize < 1) {
            throw new SegPruneException("scoring batch size must be at least 1, got " + batchSize);
        }
        if (reduction < 1) {
            throw new SegPruneException("reduction r must be at least 1, got " + reduction);
        }
        if (sacaGrids == null || sacaGrids.length == 0 || Arrays.stream(sacaGrids).anyMatch(g -> g < 1)) {
            throw new SegPruneException("SACA grid sizes must be positive, got " + Arrays.toString(sacaGrids));
        }
        if (sbcaPool < 1) {
            throw new SegPruneException("SBCA pooled size must be at least 1, got " + sbcaPool);
        }
        sacaGrids = sacaGrids.clone();
    }
}
