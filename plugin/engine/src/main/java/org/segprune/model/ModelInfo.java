package org.segprune.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.util.SegPruneException;

/**
 * What SegPrune knows about a model beyond DL4J's own configuration: its architecture, input shape,
 * provenance (which scoring and pruning steps made it) and what an imported model needs but does not
 * carry: the channel order and intensity normalisation of its input, its output head, and how its masks'
 * pixel values map to classes ({@link MaskValues}). Stored as JSON inside the model zip. Zips written
 * before the preprocessing, head and mask fields existed read with the defaults, which are what
 * SegPrune's own models always did: grey or RGB scaled to [0, 1], one sigmoid output channel, binary masks.
 */
public record ModelInfo(String architecture, int inputSize, int inputChannels, List<String> provenance,
        String channelOrder, String normalization, String outputKind, int outputChannels, int outputChannel,
        Map<String, Integer> unprunedChannels, String maskValues) {

    public static final String GREY = "grey";
    public static final String RGB = "rgb";
    public static final String BGR = "bgr";
    /** Pixel values divided by 255 (SegPrune's own models). */
    public static final String SCALE_255 = "scale255";
    public static final String NO_NORMALIZATION = "none";
    /** Each image standardised by its own mean and standard deviation. */
    public static final String IMAGE_STD = "image-std";
    /** Prefix of a fixed mean and standard deviation on the [0, 1] scale, "mean-std:M,S". */
    public static final String MEAN_STD = "mean-std:";
    /**
     * The mean and standard deviation of the data set the first step reads (training, scoring, evaluation,
     * prediction), which then stores them as {@link #MEAN_STD} ({@code data/DatasetNormalization}).
     */
    public static final String DATASET_STD = "dataset-std";
    public static final String OUTPUT_SIGMOID = "sigmoid";
    public static final String OUTPUT_SOFTMAX = "softmax";
    public static final String OUTPUT_LOGITS = "logits";

    public ModelInfo {
        provenance = provenance == null ? List.of() : List.copyOf(provenance);
        unprunedChannels = unprunedChannels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unprunedChannels));
        channelOrder = channelOrder == null ? (inputChannels == 3 ? RGB : GREY) : channelOrder.toLowerCase(Locale.ROOT);
        normalization = normalization == null ? SCALE_255 : normalization.toLowerCase(Locale.ROOT);
        outputKind = outputKind == null ? OUTPUT_SIGMOID : outputKind.toLowerCase(Locale.ROOT);
        outputChannels = outputChannels <= 0 ? 1 : outputChannels;
        checkChannelOrder(channelOrder, inputChannels);
        checkNormalization(normalization);
        if (!List.of(OUTPUT_SIGMOID, OUTPUT_SOFTMAX, OUTPUT_LOGITS).contains(outputKind)) {
            throw new SegPruneException("output head '" + outputKind + "' is not one of sigmoid, softmax, logits");
        }
        MaskValues masks = MaskValues.parse(maskValues);
        maskValues = masks.setting();
        int classes = classCount(outputKind, outputChannels);
        if (!masks.binary() && classes < 2) {
            throw new SegPruneException("mask values '" + maskValues + "' need at least two classes, but the model's "
                    + outputKind + " head with " + outputChannels + " channel(s) has " + classes);
        }
        if (!masks.binary() && masks.declaredClasses() > classes) {
            throw new SegPruneException("mask values '" + maskValues + "' name " + masks.declaredClasses()
                    + " classes but the model's " + outputKind + " head with " + outputChannels + " channel(s) has " + classes);
        }
        if (outputChannel < 0 || outputChannel >= outputChannels) {
            throw new SegPruneException("output channel " + outputChannel + " is outside the model's " + outputChannels
                    + " output channels");
        }
    }

    /** A model with binary masks (every model saved before mask values existed). */
    public ModelInfo(String architecture, int inputSize, int inputChannels, List<String> provenance, String channelOrder,
            String normalization, String outputKind, int outputChannels, int outputChannel, Map<String, Integer> unprunedChannels) {
        this(architecture, inputSize, inputChannels, provenance, channelOrder, normalization, outputKind, outputChannels,
                outputChannel, unprunedChannels, null);
    }

    /** A model never pruned. */
    public ModelInfo(String architecture, int inputSize, int inputChannels, List<String> provenance, String channelOrder,
            String normalization, String outputKind, int outputChannels, int outputChannel) {
        this(architecture, inputSize, inputChannels, provenance, channelOrder, normalization, outputKind, outputChannels,
                outputChannel, Map.of());
    }

    /** A model with SegPrune's defaults for preprocessing and head (every model SegPrune builds itself). */
    public ModelInfo(String architecture, int inputSize, int inputChannels, List<String> provenance) {
        this(architecture, inputSize, inputChannels, provenance, null, null, null, 1, 0);
    }

    /** An imported model: its head as found; preprocessing at the defaults until the user sets it. */
    public static ModelInfo imported(String format, int inputSize, int inputChannels, String outputKind, int outputChannels,
            String step) {
        // a softmax over K classes segments the last class as foreground unless told otherwise
        int foreground = outputChannels > 1 ? outputChannels - 1 : 0;
        return new ModelInfo(format, inputSize, inputChannels, List.of(step), null, null, outputKind, outputChannels, foreground);
    }

    /** The same model with one more provenance step. */
    public ModelInfo with(String step) {
        List<String> steps = new ArrayList<>(provenance);
        steps.add(step);
        return new ModelInfo(architecture, inputSize, inputChannels, steps, channelOrder, normalization, outputKind,
                outputChannels, outputChannel, unprunedChannels, maskValues);
    }

    /**
     * The same model remembering each prunable layer's channels before its first pruning (a model pruned
     * again keeps the first record), so that its description can show what pruning removed.
     */
    public ModelInfo withUnprunedChannels(Map<String, Integer> channels) {
        return !unprunedChannels.isEmpty() ? this : new ModelInfo(architecture, inputSize, inputChannels, provenance,
                channelOrder, normalization, outputKind, outputChannels, outputChannel, channels, maskValues);
    }

    /** The same model with other preprocessing settings (null keeps a setting as it is). */
    public ModelInfo withPreprocessing(String order, String normalize, Integer foregroundChannel) {
        return new ModelInfo(architecture, inputSize, inputChannels, provenance, order == null ? channelOrder : order,
                normalize == null ? normalization : normalize, outputKind, outputChannels,
                foregroundChannel == null ? outputChannel : foregroundChannel, unprunedChannels, maskValues);
    }

    /** The same model reading its masks with another {@link MaskValues} setting (null keeps it). */
    public ModelInfo withMaskValues(String masks) {
        return masks == null ? this : new ModelInfo(architecture, inputSize, inputChannels, provenance, channelOrder,
                normalization, outputKind, outputChannels, outputChannel, unprunedChannels, masks);
    }

    /** Whether masks hold classes (any mask setting but binary): per-class loss, metrics and class-index predictions. */
    public boolean multiClass() {
        return !maskValues.equals(MaskValues.BINARY);
    }

    /**
     * Classes a multi-class model tells apart, background (class 0) included: a softmax over K channels (or K > 1
     * logits, read through a softmax) has K; K sigmoid channels (or one logit) are multi-label, channel k = class k+1,
     * so K + 1.
     */
    public int classCount() {
        return classCount(outputKind, outputChannels);
    }

    /** Whether each class has its own sigmoid channel (multi-label) rather than one softmax over all classes. */
    public boolean multiLabel() {
        return multiLabel(outputKind, outputChannels);
    }

    private static boolean multiLabel(String kind, int channels) {
        return kind.equals(OUTPUT_SIGMOID) || (kind.equals(OUTPUT_LOGITS) && channels == 1);
    }

    private static int classCount(String kind, int channels) {
        return multiLabel(kind, channels) ? channels + 1 : channels;
    }

    /** NCHW shape of one input image. */
    public long[] inputShape() {
        return new long[] {1, inputChannels, inputSize, inputSize};
    }

    private static void checkChannelOrder(String order, int channels) {
        if (channels != 1 && channels != 3) {
            return; // a multi-channel input that is not an image (test graphs): the order has no meaning
        }
        boolean ok = channels == 1 ? order.equals(GREY) : order.equals(RGB) || order.equals(BGR);
        if (!ok) {
            throw new SegPruneException("channel order '" + order + "' does not fit a model with " + channels
                    + " input channel(s) (grey for 1, rgb or bgr for 3)");
        }
    }

    /** Throws a {@link SegPruneException} unless {@code normalization} is one SegPrune knows (lower case). */
    public static void checkNormalization(String normalization) {
        if (normalization.equals(SCALE_255) || normalization.equals(NO_NORMALIZATION) || normalization.equals(IMAGE_STD)
                || normalization.equals(DATASET_STD)) {
            return;
        }
        if (normalization.startsWith(MEAN_STD)) {
            meanStd(normalization);
            return;
        }
        throw new SegPruneException("normalisation '" + normalization
                + "' is not one of none, scale255, image-std, dataset-std, mean-std:M,S");
    }

    /** The mean and standard deviation of a "mean-std:M,S" normalisation. */
    public static double[] meanStd(String normalization) {
        String[] parts = normalization.substring(MEAN_STD.length()).split(",");
        try {
            double mean = Double.parseDouble(parts[0].trim());
            double std = Double.parseDouble(parts[1].trim());
            if (parts.length != 2 || !(std > 0)) {
                throw new NumberFormatException();
            }
            return new double[] {mean, std};
        } catch (RuntimeException e) {
            throw new SegPruneException("normalisation '" + normalization + "' must read mean-std:M,S with a positive S");
        }
    }
}
