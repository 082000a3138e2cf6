package org.segprune.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One row of a learning curve; validation dice is NaN without a validation set. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EpochRecord(int epoch, double loss, double validationDice, double learningRate, double seconds) {
}
