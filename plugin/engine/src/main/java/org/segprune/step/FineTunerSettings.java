package org.segprune.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segprune.train.TrainingSettings;

/** Settings of the Fine-Tuner: training of a new or pruned model and where its validation images come from. */
public final class FineTunerSettings extends SettingsBase {

    public static final String EPOCHS = "epochs";
    public static final String BATCH_SIZE = "batch_size";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String SCHEDULE = "schedule";
    public static final String FLIP = "flip";
    public static final String PATIENCE = "patience";
    public static final String VALIDATION_FRACTION = "validation_fraction";
    public static final String SEED = "seed";

    /** Port of the training table among the node's inputs (0 is the model, 2 the optional validation table). */
    public static final int TABLE_PORT = 1;
    public static final int VALIDATION_PORT = 2;

    public static final SettingsSchema SCHEMA = new SettingsSchema("Fine-Tuner", defs());

    private static List<SettingDef> defs() {
        TrainingSettings d = TrainingSettings.DEFAULTS;
        List<SettingDef> defs = new ArrayList<>(List.of(
                SettingDef.integer(EPOCHS, "Epochs", 10, 1, 100000,
                        "Passes over the training images (fewer if early stopping ends training).").inGroup("Training"),
                SettingDef.integer(BATCH_SIZE, "Batch size", d.batchSize(), 1, 1024, "Images per mini-batch.").withFlag("batch")
                        .inGroup("Training"),
                SettingDef.real(LEARNING_RATE, "Learning rate", d.learningRate(), 1e-7, 0.5, "Adam's initial learning rate.").withFlag("lr")
                        .inGroup("Training"),
                SettingDef.choice(SCHEDULE, "Learning-rate schedule", "cosine", List.of("cosine", "step", "constant"),
                        List.of("cosine decay to 1 % of the rate at the last epoch",
                                "halved every third of the epochs",
                                "the same rate every epoch"),
                        "How the learning rate changes over the epochs.").inGroup("Training"),
                SettingDef.bool(FLIP, "Flip augmentation", d.flip(),
                        "Randomly flip training images (and masks) horizontally and vertically.").inGroup("Training"),
                SettingDef.integer(PATIENCE, "Early-stopping patience", d.patience(), 1, 100000,
                        "Stop when the validation dice has not improved for this many epochs; the best epoch's weights "
                                + "are kept. Without validation images every epoch runs and the last weights are kept.")
                        .inGroup("Training"),
                SettingDef.real(VALIDATION_FRACTION, "Validation fraction", 0.2, 0, 0.9,
                        "When no validation table is connected: the share of the training rows set aside (seeded) to "
                                + "choose the best epoch. 0 trains on every row without validation.").withFlag("val-fraction")
                        .inGroup("Training"),
                SettingDef.seed(SEED, "Seed", d.seed(),
                        "Seed of the shuffling, the augmentation and the validation split.").inGroup("Training")));
        defs.addAll(ImageRows.defs(TABLE_PORT, DataReaderStep.TRAIN, "Training images"));
        defs.add(SettingDef.threads());
        return defs;
    }

    private final TrainingSettings training;
    private final ImageRows rows;

    private FineTunerSettings(SettingValues values) {
        super(values);
        this.training = new TrainingSettings(values.integer(EPOCHS), values.integer(BATCH_SIZE), values.real(LEARNING_RATE),
                TrainingSettings.Schedule.parse(values.string(SCHEDULE)), values.bool(FLIP), values.integer(PATIENCE),
                values.integer(SEED));
        this.rows = ImageRows.from(values);
    }

    public static FineTunerSettings from(Map<String, String> raw) {
        return new FineTunerSettings(SCHEMA.parse(raw));
    }

    public TrainingSettings training() {
        return training;
    }

    public ImageRows rows() {
        return rows;
    }

    /** The validation table's columns: the same image and mask columns, every row. */
    public ImageRows validationRows() {
        return new ImageRows(rows.imageColumn(), rows.maskColumn(), rows.splitColumn(), ImageRows.ALL);
    }

    public double validationFraction() {
        return values.real(VALIDATION_FRACTION);
    }
}
