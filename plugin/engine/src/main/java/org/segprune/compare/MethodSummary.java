package org.segprune.compare;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.segprune.stats.PairedComparison;

/**
 * One method at one budget over every seed: mean and SD over the seeds of each seed's mean test dice,
 * and the paired per-image comparison against l1 and against SE at the same budget (null where the
 * method is the reference or the reference was not run). The pairs are the test images, each image's
 * dice averaged over the seeds first: the images are the same in every seed, the seeds are not
 * independent samples of an image.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MethodSummary(String method, double budget, int seeds, double paramsPercent, double diceBeforeMean,
        double diceMean, double diceSdOverSeeds, double hd95Mean, int warnings, PairedComparison versusL1,
        PairedComparison versusSe) {
}
