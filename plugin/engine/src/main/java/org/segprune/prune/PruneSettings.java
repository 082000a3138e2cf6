package org.segprune.prune;

import java.util.Locale;
import org.segprune.util.SegPruneException;

/**
 * How much to prune: a local ratio (remove round(p*C) lowest filters of every prunable layer) or a
 * global budget (keep this fraction of the trainable parameters), and the channels every layer keeps
 * at least.
 */
public record PruneSettings(Mode mode, double value, int minChannels) {

    /**
     * Default minimum channels per layer. One channel is METHOD.md's floor, but a U-Net level reduced
     * to one channel dies with a single dead ReLU and fine-tuning cannot revive it (measured: l1 at 25 %
     * of a base-8 U-Net on lung X-rays left 1 channel in the first levels and fine-tuned to dice 0).
     */
    public static final int DEFAULT_MIN_CHANNELS = 4;

    /** Local ratio or global parameter budget. */
    public enum Mode {
        RATIO, KEEP_PARAMS
    }

    public PruneSettings {
        if (mode == null) {
            throw new SegPruneException("choose a pruning mode: --ratio or --keep-params");
        }
        if (!(value > 0 && value < 1)) {
            throw new SegPruneException(String.format(Locale.ROOT, "%s %s is outside (0, 1)",
                    mode == Mode.RATIO ? "ratio" : "keep-params", value));
        }
        if (minChannels < 1) {
            throw new SegPruneException("minimum channels must be at least 1, got " + minChannels);
        }
    }

    public static PruneSettings ratio(double ratio, int minChannels) {
        return new PruneSettings(Mode.RATIO, ratio, minChannels);
    }

    public static PruneSettings keepParams(double fraction, int minChannels) {
        return new PruneSettings(Mode.KEEP_PARAMS, fraction, minChannels);
    }

    public String describe() {
        return mode == Mode.RATIO ? String.format(Locale.ROOT, "local ratio %.4g", value)
                : String.format(Locale.ROOT, "global keep-params %.4g", value);
    }
}
