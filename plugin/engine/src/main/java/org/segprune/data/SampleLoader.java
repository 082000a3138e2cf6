package org.segprune.data;

import java.awt.image.BufferedImage;
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

    public SampleLoader(int size, int channels) {
        this(size, channels, null, null);
    }

    private SampleLoader(int size, int channels, String channelOrder, String normalization) {
        this.size = size;
        this.channels = channels;
        this.channelOrder = channelOrder == null ? (channels == 3 ? ModelInfo.RGB : ModelInfo.GREY) : channelOrder;
        this.normalization = normalization == null ? ModelInfo.SCALE_255 : normalization;
    }

    /** The loader for a model: its input size, channels, channel order and normalisation. */
    public static SampleLoader forModel(ModelInfo info) {
        if (info.normalization().equals(ModelInfo.DATASET_STD)) {
            throw new SegPruneException("normalisation dataset-std: the data set's mean and std are computed by the first"
                    + " step that reads images with the model (training, scoring, evaluation, prediction), not here");
        }
        return new SampleLoader(info.inputSize(), info.inputChannels(), info.channelOrder(), info.normalization());
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
        float[] binary = ImageFiles.resizeNearest(ImageFiles.maskToBinary(mask, sample.mask()), image.width(), image.height(),
                size, size);
        return new LoadedSample(sample.stem(), image.planes(), binary, size, size);
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
