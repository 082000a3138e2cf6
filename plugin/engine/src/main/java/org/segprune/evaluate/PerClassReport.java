package org.segprune.evaluate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.segprune.stats.Summary;

/**
 * The {@code per_class} block of a multi-class model's evaluation report: each foreground class's dice, IoU, hd95
 * and assd ("_mean"/"_sd" over images, "_pooled" over all pixels, boundary metrics over the images where they are
 * defined), and the mean of each over the foreground classes.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PerClassReport(int classes, double diceMean, double iouMean, double hd95Mean, double assdMean,
        List<ClassSummary> foreground) {

    /** One foreground class over all images. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ClassSummary(int classIndex, double diceMean, double diceSd, double dicePooled, double iouMean,
            double iouSd, double iouPooled, double hd95Mean, double hd95Sd, double assdMean, double assdSd,
            int boundaryUndefined) {
    }

    /** The block for the images' per-class metrics ({@code classes}: background included). */
    public static PerClassReport of(int classes, List<ImageMetrics> images) {
        List<ClassSummary> summaries = new ArrayList<>();
        for (int c = 1; c < classes; c++) {
            int index = c - 1;
            List<ClassMetrics> metrics = images.stream().map(image -> image.perClass().get(index)).toList();
            Confusion pooled = metrics.stream().map(ClassMetrics::confusion).reduce(new Confusion(0, 0, 0, 0), Confusion::plus);
            double[] dice = values(metrics, m -> m.confusion().dice());
            double[] iou = values(metrics, m -> m.confusion().iou());
            List<ClassMetrics> bounded = metrics.stream().filter(m -> m.boundary().defined()).toList();
            double[] hd95 = values(bounded, m -> m.boundary().hd95());
            double[] assd = values(bounded, m -> m.boundary().assd());
            summaries.add(new ClassSummary(c, Summary.mean(dice), Summary.sd(dice), pooled.dice(), Summary.mean(iou),
                    Summary.sd(iou), pooled.iou(), Summary.mean(hd95), Summary.sd(hd95), Summary.mean(assd), Summary.sd(assd),
                    metrics.size() - bounded.size()));
        }
        return new PerClassReport(classes, meanOver(summaries, ClassSummary::diceMean), meanOver(summaries, ClassSummary::iouMean),
                meanOver(summaries, ClassSummary::hd95Mean), meanOver(summaries, ClassSummary::assdMean), summaries);
    }

    /** The mean over the foreground classes of one image's dice: the validation score of a multi-class model. */
    public static double meanForegroundDice(ImageMetrics image) {
        return image.perClass().stream().mapToDouble(m -> m.confusion().dice()).average().orElse(Double.NaN);
    }

    private static double[] values(List<ClassMetrics> metrics, ToDoubleFunction<ClassMetrics> metric) {
        return metrics.stream().mapToDouble(metric).toArray();
    }

    /** Mean over the classes where the figure is defined (NaN if none). */
    private static double meanOver(List<ClassSummary> summaries, ToDoubleFunction<ClassSummary> metric) {
        return Summary.mean(summaries.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).toArray());
    }
}
