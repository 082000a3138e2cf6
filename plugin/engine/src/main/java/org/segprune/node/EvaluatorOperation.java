package org.segprune.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.Confusion;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.evaluate.ImageMetrics;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;

/**
 * Segmentation Evaluator: the evaluation report as a one-row table (the report's fields, in its
 * order) and one row per image with its metrics and, optionally, an overlay image.
 */
public final class EvaluatorOperation {

    public static final String OVERLAY = "overlay";

    /** The report's fields as columns, in the report's (JSON) order. */
    public static final TableSchema METRICS = TableSchema.of(
            new Column("model", ColumnType.STRING), new Column("architecture", ColumnType.STRING),
            new Column("images", ColumnType.INT), new Column("input_shape", ColumnType.STRING),
            new Column("threshold", ColumnType.DOUBLE), new Column("aggregation", ColumnType.STRING),
            new Column("dice_mean", ColumnType.DOUBLE), new Column("dice_sd", ColumnType.DOUBLE),
            new Column("dice_pooled", ColumnType.DOUBLE), new Column("iou_mean", ColumnType.DOUBLE),
            new Column("iou_sd", ColumnType.DOUBLE), new Column("iou_pooled", ColumnType.DOUBLE),
            new Column("precision_mean", ColumnType.DOUBLE), new Column("precision_sd", ColumnType.DOUBLE),
            new Column("precision_pooled", ColumnType.DOUBLE), new Column("recall_mean", ColumnType.DOUBLE),
            new Column("recall_sd", ColumnType.DOUBLE), new Column("recall_pooled", ColumnType.DOUBLE),
            new Column("specificity_mean", ColumnType.DOUBLE), new Column("specificity_sd", ColumnType.DOUBLE),
            new Column("specificity_pooled", ColumnType.DOUBLE), new Column("accuracy_mean", ColumnType.DOUBLE),
            new Column("accuracy_sd", ColumnType.DOUBLE), new Column("accuracy_pooled", ColumnType.DOUBLE),
            new Column("params", ColumnType.LONG), new Column("params_with_bn_stats", ColumnType.LONG),
            new Column("size_mb", ColumnType.DOUBLE), new Column("file_size_mb", ColumnType.DOUBLE),
            new Column("macs", ColumnType.LONG), new Column("gflops", ColumnType.DOUBLE),
            new Column("latency_ms", ColumnType.DOUBLE), new Column("latency_runs", ColumnType.INT),
            new Column("threads", ColumnType.INT), new Column("provenance", ColumnType.STRING));

    private static final List<Column> PER_IMAGE_COLUMNS = List.of(new Column("dice", ColumnType.DOUBLE),
            new Column("iou", ColumnType.DOUBLE), new Column("precision", ColumnType.DOUBLE),
            new Column("recall", ColumnType.DOUBLE), new Column("specificity", ColumnType.DOUBLE),
            new Column("accuracy", ColumnType.DOUBLE), new Column("tp", ColumnType.LONG), new Column("fp", ColumnType.LONG),
            new Column("fn", ColumnType.LONG), new Column("tn", ColumnType.LONG),
            new Column("foreground_fraction", ColumnType.DOUBLE));

    static final String TABLE = "the image table";

    /** The metrics row, the per-image rows and the engine's report. */
    public record Result(NodeTable metrics, NodeTable perImage, EvaluationReport report) {
    }

    private EvaluatorOperation() {
    }

    /** The per-image table's columns: the metrics, plus the overlay PNG when asked for. */
    public static TableSchema perImageSchema(EvaluatorSettings settings) {
        List<Column> columns = new ArrayList<>(PER_IMAGE_COLUMNS);
        if (settings.overlays()) {
            columns.add(new Column(OVERLAY, ColumnType.PNG));
        }
        return new TableSchema(columns);
    }

    /**
     * @param model the model's summary, null if not known yet (unused: any model is evaluated)
     * @return the metrics table's and the per-image table's columns
     */
    public static TableSchema[] configure(EvaluatorSettings settings, ModelSummary model, TableSchema images) {
        if (images == null) {
            throw new org.segprune.util.SegPruneException("connect an image table (from the Segmentation Data Reader)");
        }
        settings.rows().check(images, TABLE);
        return new TableSchema[] {METRICS, perImageSchema(settings)};
    }

    public static Result run(EvaluatorSettings settings, SegmentationModel model, NodeTable images, Progress progress) {
        configure(settings, null, images.schema());
        SegmentationDataset data = settings.rows().select(images, TABLE, progress.sub(0, 0.05));
        Map<String, byte[]> overlays = new HashMap<>();
        Evaluator.PredictionSink sink = settings.overlays() ? p -> overlays.put(p.stem(), Overlays.png(p)) : null;
        String name = settings.modelName().isEmpty() ? defaultName(model) : settings.modelName();
        Evaluator.Result result = Evaluator.evaluate(model, name, data, settings.batchSize(), settings.latencyRuns(),
                progress.sub(0.05, 1), sink);
        EvaluationReport r = result.report();
        NodeTable metrics = NodeTable.builder(METRICS).add(name, r.model(), r.architecture(), r.images(),
                shape(r.inputShape()), r.threshold(), r.aggregation(), r.diceMean(), r.diceSd(), r.dicePooled(), r.iouMean(),
                r.iouSd(), r.iouPooled(), r.precisionMean(), r.precisionSd(), r.precisionPooled(), r.recallMean(),
                r.recallSd(), r.recallPooled(), r.specificityMean(), r.specificitySd(), r.specificityPooled(),
                r.accuracyMean(), r.accuracySd(), r.accuracyPooled(), r.params(), r.paramsWithBnStats(), r.sizeMb(),
                r.fileSizeMb(), r.macs(), r.gflops(), r.latencyMs(), r.latencyRuns(), r.threads(),
                String.join(" | ", r.provenance())).build();
        NodeTable.Builder perImage = NodeTable.builder(perImageSchema(settings));
        for (ImageMetrics image : result.images()) {
            Confusion c = image.confusion();
            List<Object> cells = new ArrayList<>(List.of(c.dice(), c.iou(), c.precision(), c.recall(), c.specificity(),
                    c.accuracy(), c.tp(), c.fp(), c.fn(), c.tn(), image.foregroundFraction()));
            if (settings.overlays()) {
                cells.add(overlays.get(image.stem()));
            }
            perImage.add(image.stem(), cells.toArray());
        }
        return new Result(metrics, perImage.build(), r);
    }

    private static String defaultName(SegmentationModel model) {
        return String.format(Locale.ROOT, "%s (%,d params)", model.info().architecture(),
                ModelSummary.of(model).trainableParams());
    }

    private static String shape(long[] shape) {
        StringBuilder text = new StringBuilder();
        for (long dim : shape) {
            text.append(text.length() == 0 ? "" : "x").append(dim);
        }
        return text.toString();
    }
}
