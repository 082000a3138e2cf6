package org.segprune.compare;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One method at one budget for one seed: the pruned model before and after fine-tuning, on the test
 * images; the fine-tuning's warning (null if none), so that a collapsed row never reads as a plain number.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompareRow(String method, double budget, long seed, long params, double paramsPercent, double sizeMb,
        double fileSizeMb, double gflops, double diceBeforeFinetune, double diceAfterFinetune, double diceSd, double dicePooled,
        double iouMean, double hd95Mean, double assdMean, double latencyMs, double scoreSeconds, double finetuneSeconds,
        String warning) {
}
