package org.segprune.train;

import java.util.Locale;
import org.segprune.util.SegPruneException;

/**
 * Training (and fine-tuning) settings: Adam with a learning-rate schedule, BCE + soft dice loss,
 * optional flip augmentation, validation dice after each epoch and early stopping that keeps the
 * best weights.
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate, Schedule schedule, boolean flip,
        int patience, long seed) {

    /** How the learning rate changes over the epochs. */
    public enum Schedule {
        /** The same rate every epoch. */
        CONSTANT,
        /** Cosine decay from the rate to 1 % of it at the last epoch. */
        COSINE,
        /** Halved every third of the epochs. */
        STEP;

        public static Schedule parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new SegPruneException("unknown learning-rate schedule '" + name + "' (use constant, cosine or step)");
            }
        }
    }

    public static final TrainingSettings DEFAULTS = new TrainingSettings(20, 8, 1e-3, Schedule.COSINE, true, 8, 42);

    public TrainingSettings {
        if (epochs < 1) {
            throw new SegPruneException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new SegPruneException("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new SegPruneException("learning rate must be in (0, 1), got " + learningRate);
        }
        if (schedule == null) {
            throw new SegPruneException("choose a learning-rate schedule");
        }
        if (patience < 1) {
            throw new SegPruneException("early-stopping patience must be at least 1 epoch, got " + patience);
        }
    }

    public TrainingSettings withEpochs(int value) {
        return new TrainingSettings(value, batchSize, learningRate, schedule, flip, patience, seed);
    }

    public TrainingSettings withBatchSize(int value) {
        return new TrainingSettings(epochs, value, learningRate, schedule, flip, patience, seed);
    }

    public TrainingSettings withLearningRate(double value) {
        return new TrainingSettings(epochs, batchSize, value, schedule, flip, patience, seed);
    }

    public TrainingSettings withSeed(long value) {
        return new TrainingSettings(epochs, batchSize, learningRate, schedule, flip, patience, value);
    }

    /** The learning rate of a 0-based epoch. */
    public double learningRateAt(int epoch) {
        switch (schedule) {
            case COSINE:
                double t = epochs == 1 ? 0 : epoch / (double) (epochs - 1);
                return learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * t)));
            case STEP:
                int every = Math.max(1, epochs / 3);
                return learningRate * Math.pow(0.5, epoch / every);
            default:
                return learningRate;
        }
    }
}
