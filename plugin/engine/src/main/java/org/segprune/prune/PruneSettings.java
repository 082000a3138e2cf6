package org.segprune.prune;

import java.util.Locale;
import org.segprune.score.Scorers;
import org.segprune.util.SegPruneException;

/**
 * How much to prune: a local ratio (remove round(p*C) lowest filters of every prunable layer) or a
 * global budget (keep this fraction of the trainable parameters), the channels every layer keeps at
 * least, and how a global budget puts scores of different layers on one scale.
 */
public record PruneSettings(Mode mode, double value, int minChannels, ScoreScale scoreScale) {

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

    /**
     * How a global budget compares scores of different layers. METHOD.md divides every layer's scores
     * by the layer's maximum; attention gates share one scale already, and dividing throws away that a
     * module switched a whole layer down (docs/method.md).
     */
    public enum ScoreScale {
        /** Raw scores for methods whose scores are comparable across layers (SE, CBAM, SACA, SBCA), else layer maximum. */
        AUTO,
        /** Every layer's scores divided by the layer's maximum (METHOD.md). */
        LAYER_MAX,
        /** Scores as they are. */
        RAW;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static ScoreScale byId(String id) {
            for (ScoreScale scale : values()) {
                if (scale.id().equals(id)) {
                    return scale;
                }
            }
            throw new SegPruneException("score scale must be auto, layer-max or raw, got '" + id + "'");
        }

        /** Whether a global budget divides each layer's scores of this method by the layer's maximum. */
        public boolean dividesByLayerMax(String method) {
            return this == LAYER_MAX || this == AUTO && !Scorers.comparableAcrossLayers(method);
        }
    }

    public PruneSettings {
        if (scoreScale == null) {
            throw new SegPruneException("choose a score scale: auto, layer-max or raw");
        }
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
        return new PruneSettings(Mode.RATIO, ratio, minChannels, ScoreScale.AUTO);
    }

    public static PruneSettings keepParams(double fraction, int minChannels) {
        return new PruneSettings(Mode.KEEP_PARAMS, fraction, minChannels, ScoreScale.AUTO);
    }

    public PruneSettings withScoreScale(ScoreScale scale) {
        return new PruneSettings(mode, value, minChannels, scale);
    }

    public String describe() {
        return mode == Mode.RATIO ? String.format(Locale.ROOT, "local ratio %.4g", value)
                : String.format(Locale.ROOT, "global keep-params %.4g (score scale %s)", value, scoreScale.id());
    }
}
