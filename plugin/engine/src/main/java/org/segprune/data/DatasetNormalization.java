package org.segprune.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.segprune.model.ModelInfo;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;

/**
 * The "dataset-std" normalisation: the mean and standard deviation of a data set's pixels (on the [0, 1] scale,
 * over all images, pixels and channels, at the model's input size), computed by the first step that reads images
 * with the model and stored in it as "mean-std:M,S", so every model written from it carries the figures on.
 */
public final class DatasetNormalization {

    private DatasetNormalization() {
    }

    /** The model with "dataset-std" replaced by the statistics of {@code data}'s images; any other model as it is. */
    public static SegmentationModel resolve(SegmentationModel model, SegmentationDataset data, Progress progress) {
        return resolve(model, data.samples().stream().map(Sample::image).toList(), data.root().toString(), progress);
    }

    /** As {@link #resolve(SegmentationModel, SegmentationDataset, Progress)}, over image files named by {@code source}. */
    public static SegmentationModel resolve(SegmentationModel model, List<Path> images, String source, Progress progress) {
        ModelInfo info = model.info();
        if (!info.normalization().equals(ModelInfo.DATASET_STD) || images.isEmpty()) {
            return model;
        }
        SampleLoader scaled = SampleLoader.forModel(info.withPreprocessing(null, ModelInfo.SCALE_255, null));
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (int i = 0; i < images.size(); i++) {
            progress.checkCancelled();
            for (float[] plane : scaled.loadImage(images.get(i)).planes()) {
                for (float v : plane) {
                    sum += v;
                    squares += (double) v * v;
                }
                count += plane.length;
            }
            progress.report((i + 1) / (double) images.size(), "data set mean and std");
        }
        double mean = sum / count;
        double std = Math.sqrt(Math.max(0, squares / count - mean * mean));
        if (!(std > 0)) {
            throw new org.segprune.util.SegPruneException("normalisation dataset-std: the images of '" + source
                    + "' all have the same value, so their standard deviation is 0");
        }
        String normalization = String.format(Locale.ROOT, "%s%.6f,%.6f", ModelInfo.MEAN_STD, mean, std);
        ModelInfo resolved = info.withPreprocessing(null, normalization, null).with(String.format(Locale.ROOT,
                "normalisation dataset-std: mean %.4f, std %.4f of %d images in '%s'", mean, std, images.size(), source));
        return new SegmentationModel(model.graph(), resolved);
    }
}
