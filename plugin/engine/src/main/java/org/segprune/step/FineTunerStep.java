package org.segprune.step;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.ModelSummary;
import org.segprune.model.SegmentationModel;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;
import org.segprune.train.EpochRecord;
import org.segprune.train.Trainer;
import org.segprune.train.TrainingResult;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Fine-Tuner: trains a copy of the model (a new one from the Segmentation Model Reader, or a pruned one) and
 * reports its learning curve. Validation images come from the validation table if one is connected,
 * else from a seeded share of the training rows.
 */
public final class FineTunerStep extends Step<FineTunerSettings> {

    public static final TableSchema CURVE = EpochRecord.SCHEMA;

    static final String TRAINING = "the training table";
    static final String VALIDATION = "the validation table";

    /** The trained model, the learning-curve table and the engine's result. */
    public record Trained(SegmentationModel model, NodeTable curve, TrainingResult training) {
    }

    FineTunerStep() {
        super(new About("org.segprune.knime.nodes.finetuner.FineTunerNodeFactory", "Learner", "finetuner.png",
                "Trains a segmentation model: a new one, or a pruned one to recover its accuracy.",
                "<p>Trains a copy of the model on the training images (binary cross-entropy plus soft dice loss, "
                        + "Adam with a learning-rate schedule, optional flips) and reports its learning curve. After every "
                        + "epoch the mean dice on the validation images decides which weights are kept, and training stops "
                        + "early when it has not improved for the patience. Validation images come from the validation "
                        + "table if one is connected (all its rows), else from a seeded share of the training rows.</p>"
                        + "<p>Use it to train a new network from the <i>Segmentation Model Reader</i> and to fine-tune a pruned one "
                        + "from the <i>Filter Pruner</i>. Images are resized to the model's input size.</p>",
                List.of("training", "fine-tuning", "deep learning", "learning curve")),
                FineTunerSettings.SCHEMA,
                List.of(Port.model("Segmentation model", Port.MODEL_DOC), Port.table("Training table", Port.IMAGE_TABLE_DOC),
                        Port.table("Validation table", "Optional: images to choose the best epoch with; all rows are "
                                + "used, with the same image and mask columns as the training table.").asOptional()),
                List.of(Port.model("Trained model", "The model with the best epoch's weights; its provenance records the "
                        + "training."), Port.table("Learning curve", "One row per epoch (validation_dice is missing "
                                + "without validation images).", CURVE)));
    }

    @Override
    public FineTunerSettings settings(Map<String, String> raw) {
        return FineTunerSettings.from(raw);
    }

    @Override
    public List<Object> configure(FineTunerSettings settings, List<Object> inSpecs) {
        return Arrays.asList(null, configure(settings, modelSpec(inSpecs.get(0)), tableSpec(inSpecs.get(1)),
                tableSpec(inSpecs.get(2))));
    }

    @Override
    public Result execute(FineTunerSettings settings, List<Object> inputs, Context context) {
        Trained trained = run(settings, (SegmentationModel) inputs.get(0), (NodeTable) inputs.get(1),
                (NodeTable) inputs.get(2), context.progress());
        TrainingResult result = trained.training();
        return new Result(List.of(trained.model(), trained.curve()), String.format(Locale.ROOT,
                "%d epoch(s), best epoch %d, validation dice %.4f, %.3f s/img", result.curve().size(), result.bestEpoch(),
                result.bestValidationDice(), result.secondsPerImage()));
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
            throw new SegPruneException("connect a training table (from the Segmentation Data Reader)");
        }
        settings.rows().check(training, TRAINING);
        if (validation != null) {
            settings.validationRows().check(validation, VALIDATION);
        }
        return CURVE;
    }

    /** @param validation the validation table, or null to split the training rows */
    public static Trained run(FineTunerSettings settings, SegmentationModel model, NodeTable training, NodeTable validation,
            Progress progress) {
        configure(settings, null, training.schema(), validation == null ? null : validation.schema());
        SegmentationDataset train = settings.rows().select(training, TRAINING, model.info().inputSize(),
                progress.sub(0, 0.02), model.info());
        SegmentationDataset check = null;
        if (validation != null) {
            check = settings.validationRows().select(validation, VALIDATION, model.info().inputSize(),
                    progress.sub(0.02, 0.04), model.info());
        } else if (settings.validationFraction() > 0) {
            SegmentationDataset.Split parts = train.split(settings.validationFraction(), settings.training().seed());
            train = parts.train();
            check = parts.validation();
        }
        boolean pruned = model.info().provenance().stream().anyMatch(step -> step.startsWith("pruned"));
        TrainingResult result = Trainer.train(model, train, check, settings.training(), pruned ? "fine-tuned" : "trained",
                progress.sub(0.04, 1));
        return new Trained(result.model(), EpochRecord.toTable(result.curve()), result);
    }
}
