package org.segprune.node;

import org.segprune.data.SegmentationDataset;
import org.segprune.model.SegmentationModel;
import org.segprune.train.EpochRecord;
import org.segprune.train.Trainer;
import org.segprune.train.TrainingResult;
import org.segprune.util.Progress;

/**
 * Fine-Tuner: trains a copy of the model (a new one from the Model Reader, or a pruned one) and
 * reports its learning curve. Validation images come from the validation table if one is connected,
 * else from a seeded share of the training rows.
 */
public final class FineTunerOperation {

    public static final String EPOCH = "epoch";
    public static final String LOSS = "loss";
    public static final String VALIDATION_DICE = "validation_dice";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String SECONDS = "seconds";

    public static final TableSchema CURVE = TableSchema.of(new Column(EPOCH, ColumnType.INT),
            new Column(LOSS, ColumnType.DOUBLE), new Column(VALIDATION_DICE, ColumnType.DOUBLE),
            new Column(LEARNING_RATE, ColumnType.DOUBLE), new Column(SECONDS, ColumnType.DOUBLE));

    static final String TRAINING = "the training table";
    static final String VALIDATION = "the validation table";

    /** The trained model, the learning-curve table and the engine's result. */
    public record Result(SegmentationModel model, NodeTable curve, TrainingResult training) {
    }

    private FineTunerOperation() {
    }

    /**
     * @param model      the model's summary, null if not known yet (unused: any model trains)
     * @param training   the training table's columns
     * @param validation the validation table's columns, null if none is connected
     * @return the learning curve's columns
     */
    public static TableSchema configure(FineTunerSettings settings, ModelSummary model, TableSchema training,
            TableSchema validation) {
        if (training == null) {
            throw new org.segprune.util.SegPruneException("connect a training table (from the Segmentation Data Reader)");
        }
        settings.rows().check(training, TRAINING);
        if (validation != null) {
            settings.validationRows().check(validation, VALIDATION);
        }
        return CURVE;
    }

    /** @param validation the validation table, or null to split the training rows */
    public static Result run(FineTunerSettings settings, SegmentationModel model, NodeTable training, NodeTable validation,
            Progress progress) {
        configure(settings, null, training.schema(), validation == null ? null : validation.schema());
        SegmentationDataset train = settings.rows().select(training, TRAINING, progress.sub(0, 0.02));
        SegmentationDataset check = null;
        if (validation != null) {
            check = settings.validationRows().select(validation, VALIDATION, progress.sub(0.02, 0.04));
        } else if (settings.validationFraction() > 0) {
            SegmentationDataset.Split parts = train.split(settings.validationFraction(), settings.training().seed());
            train = parts.train();
            check = parts.validation();
        }
        boolean pruned = model.info().provenance().stream().anyMatch(step -> step.startsWith("pruned"));
        TrainingResult result = Trainer.train(model, train, check, settings.training(), pruned ? "fine-tuned" : "trained",
                progress.sub(0.04, 1));
        NodeTable.Builder curve = NodeTable.builder(CURVE);
        for (EpochRecord epoch : result.curve()) {
            curve.add("epoch " + epoch.epoch(), epoch.epoch(), epoch.loss(),
                    Double.isNaN(epoch.validationDice()) ? null : epoch.validationDice(), epoch.learningRate(),
                    epoch.seconds());
        }
        return new Result(result.model(), curve.build(), result);
    }
}
