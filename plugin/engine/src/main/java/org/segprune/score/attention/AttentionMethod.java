package org.segprune.score.attention;

import java.util.Locale;

/**
 * The five channel-attention modules of METHOD.md. SE, ECA and CBAM follow their papers; SACA and
 * SBCA are SegPrune's own definitions built from the names in Hossain et al. (2025), whose formulas
 * are not public.
 */
public enum AttentionMethod {
    SE("squeeze-and-excitation: a learned gate from each channel's global average"),
    ECA("efficient channel attention: a 1-D convolution across neighbouring channels' global averages"),
    CBAM("CBAM channel attention: one shared MLP over global average and global max pooling"),
    SACA("sub-sampling channel attention (SegPrune's definition): a learned weighting of each channel's "
            + "1x1, 2x2 and 4x4 average-pooled layout, then an SE gate"),
    SBCA("self-attention based channel attention (SegPrune's definition): channel-to-channel affinity of the "
            + "pooled feature maps refines the features before an SE gate");

    private final String description;

    AttentionMethod(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether each channel's gate has parameters of its own (the MLP's output row). Only then can the
     * gate sparsity penalty lower one channel's gate without the others: ECA's shared kernel would just
     * shrink, ranking the busiest channels lowest, so ECA trains on the segmentation loss alone.
     */
    public boolean hasPerChannelGates() {
        return this != ECA;
    }

    /** ECA's kernel size for C channels: t = int((log2 C + 1) / 2), made odd upward. */
    public static int ecaKernel(int channels) {
        int t = (int) ((Math.log(channels) / Math.log(2) + 1) / 2);
        return t % 2 == 1 ? t : t + 1;
    }

    /** The hidden width of the gate MLP: max(C / r, 4). */
    public static int hidden(int channels, int reduction) {
        return Math.max(channels / reduction, 4);
    }
}
