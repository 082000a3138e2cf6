package org.segprune.data;

import java.awt.image.BufferedImage;
import org.segprune.model.MaskValues;
import org.segprune.model.ModelInfo;
import org.segprune.util.SegPruneException;

/**
 * Loads samples at a model's input size and channel count, with the input preprocessing the model
 * expects (channel order and intensity normalisation, {@link ModelInfo}). The defaults, grey or RGB
 * scaled to [0, 1], are what SegPrune's own models are trained with.
 */
public final class SampleLoader {

    private final int size;
    private final int channels;
    private final String channelOrder;
    private final String normalization;
    private final MaskValues maskValues;
    /** Classes of a multi-class model (background included); 2 for binary masks. */
    private final int classes;
    /** Channels of the training target: 1 for binary masks, else the model's output channels. */
    private final int labelChannels;
    private final boolean multiLabel;

    public SampleLoader(int size, int channels) {
        this(size, channels, null, null, MaskValues.parse(null), 2, 1, true);
    }

    private SampleLoader(int size, int channels, String channelOrder, String normalization, MaskValues maskValues,
            int classes, int labelChannels, boolean multiLabel) {
        this.size = size;
        this.maskValues = maskValues;
        this.classes = classes;
        this.labelChannels = labelChannels;
        this.multiLabel = multiLabel;
        this.channels = channels;
        this.channelOrder = channelOrder == null ? (channels == 3 ? ModelInfo.RGB : ModelInfo.GREY) : channelOrder;
        this.normalization = normalization == null ? ModelInfo.SCALE_255 : normalization;
    }

    /** The loader for a model: its input size, channels, channel order, normalisation and mask values. */
    public static SampleLoader forModel(ModelInfo info) {
        if (info.normalization().equals(ModelInfo.DATASET_STD)) {
            throw new SegPruneException("normalisation dataset-std: the data set's mean and std are computed by the first"
                    + " step that reads images with the model (training, scoring, evaluation, prediction), not here");
        }
        MaskValues masks = MaskValues.parse(info.maskValues());
        return masks.binary()
                ? new SampleLoader(info.inputSize(), info.inputChannels(), info.channelOrder(), info.normalization(), masks, 2,
                        1, true)
                : new SampleLoader(info.inputSize(), info.inputChannels(), info.channelOrder(), info.normalization(), masks,
                        info.classCount(), info.outputChannels(), info.multiLabel());
    }

    /** Channels of the training target {@link #encodeLabels} writes. */
    public int labelChannels() {
        return labelChannels;
    }

    /**
     * Writes the training target of one loaded mask into {@code labels} at {@code offset} ([labelChannels][plane]):
     * binary masks as they are; for a softmax head one channel per class (one-hot); for K sigmoid channels,
     * channel k = class k + 1.
     */
    public void encodeLabels(float[] mask, float[] labels, int offset) {
        int plane = mask.length;
        if (maskValues.binary()) {
            System.arraycopy(mask, 0, labels, offset, plane);
            return;
        }
        int shift = multiLabel ? 1 : 0;
        for (int p = 0; p < plane; p++) {
            int channel = (int) mask[p] - shift;
            if (channel >= 0) {
                labels[offset + channel * plane + p] = 1;
            }
        }
    }

    public int size() {
        return size;
    }

    public int channels() {
        return channels;
    }

    /** An image read alone: its planes at the model's size and preprocessing, and its size on disk. */
    public record LoadedImage(float[][] planes, int width, int height) {
    }

    public LoadedSample load(Sample sample) {
        LoadedImage image = loadImage(sample.image());
        BufferedImage mask = ImageFiles.read(sample.mask());
        float[] values = maskValues.binary() ? ImageFiles.maskToBinary(mask, sample.mask())
                : ImageFiles.maskToClasses(mask, sample.mask(), maskValues, classes);
        float[] resized = ImageFiles.resizeNearest(values, image.width(), image.height(), size, size);
        return new LoadedSample(sample.stem(), image.planes(), resized, size, size);
    }

    /** An image without a mask (prediction), resized and preprocessed as {@link #load} does. */
    public LoadedImage loadImage(java.nio.file.Path file) {
        BufferedImage image = ImageFiles.read(file);
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] planes = ImageFiles.imagePlanes(image, channels);
        for (int c = 0; c < channels; c++) {
            planes[c] = ImageFiles.resizeBilinear(planes[c], w, h, size, size);
        }
        preprocess(planes);
        return new LoadedImage(planes, w, h);
    }

    /** Planes arrive as RGB (or grey) in [0, 1]; reorders and normalises them in place. */
    void preprocess(float[][] planes) {
        if (channelOrder.equals(ModelInfo.BGR) && planes.length == 3) {
            float[] red = planes[0];
            planes[0] = planes[2];
            planes[2] = red;
        }
        switch (normalization) {
            case ModelInfo.SCALE_255 -> {
            }
            case ModelInfo.NO_NORMALIZATION -> transform(planes, 0, 1 / 255.0);
            case ModelInfo.IMAGE_STD -> standardise(planes);
            default -> {
                double[] meanStd = ModelInfo.meanStd(normalization);
                transform(planes, meanStd[0], meanStd[1]);
            }
        }
    }

    /** x -> (x - mean) / std on every value. */
    private static void transform(float[][] planes, double mean, double std) {
        for (float[] plane : planes) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) ((plane[i] - mean) / std);
            }
        }
    }

    /** Per-image standardisation over all pixels and channels; the std is floored at 1/sqrt(n) as in TensorFlow. */
    private static void standardise(float[][] planes) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (float[] plane : planes) {
            for (float v : plane) {
                sum += v;
                squares += (double) v * v;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.max(Math.sqrt(Math.max(0, squares / n - mean * mean)), 1 / Math.sqrt(n));
        transform(planes, mean, std);
    }
}
