package org.segprune.score;

import java.util.Arrays;
import org.segprune.util.SegPruneException;

/**
 * Settings of the data-driven (attention) scores, with METHOD.md's defaults: 3 epochs of Adam at
 * 1e-3 training only the attention modules, reduction r = 16, SACA grids 1/2/4, SBCA pooled to 32.
 * Our addition is the gate sparsity lambda: the modules minimise the segmentation loss plus lambda
 * times the sum of all gates (per image), so a gate the loss does not need sinks (docs/method.md).
 * Magnitude scores ignore them.
 */
public record ScoringSettings(int epochs, double learningRate, int batchSize, int reduction, int[] sacaGrids,
        int sbcaPool, double gateSparsity, long seed) {

    public static final double DEFAULT_GATE_SPARSITY = 1e-6;

    public static final ScoringSettings DEFAULTS = new ScoringSettings(3, 1e-3, 8, 16, new int[] {1, 2, 4}, 32,
            DEFAULT_GATE_SPARSITY, 42);

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
        if (!(gateSparsity >= 0 && gateSparsity < 1)) {
            throw new SegPruneException("gate sparsity must be in [0, 1), got " + gateSparsity);
        }
        sacaGrids = sacaGrids.clone();
    }

    public ScoringSettings withSeed(long value) {
        return new ScoringSettings(epochs, learningRate, batchSize, reduction, sacaGrids, sbcaPool, gateSparsity, value);
    }

    public ScoringSettings withGateSparsity(double lambda) {
        return new ScoringSettings(epochs, learningRate, batchSize, reduction, sacaGrids, sbcaPool, lambda, seed);
    }

    /** SACA grid sizes written as a comma-separated list, e.g. "1,2,4"; {@code setting} names the input in errors. */
    public static int[] parseGrids(String text, String setting) {
        try {
            int[] grids = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (grids.length > 0 && Arrays.stream(grids).allMatch(g -> g >= 1)) {
                return grids;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name
        }
        throw new SegPruneException(setting + " must be positive whole numbers separated by commas, e.g. 1,2,4; got '"
                + text + "'");
    }

    /** A gate sparsity written as text, e.g. "1e-6"; {@code setting} names the input in errors. */
    public static double parseGateSparsity(String text, String setting) {
        try {
            double lambda = Double.parseDouble(text.trim());
            if (lambda >= 0 && lambda < 1) {
                return lambda;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name
        }
        throw new SegPruneException(setting + " must be a number in [0, 1), e.g. 1e-6; got '" + text + "'");
    }

    /** The grid sizes as "1,2,4". */
    public String sacaGridsText() {
        return Arrays.stream(sacaGrids).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(","));
    }
}
