package org.segprune.step;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.evaluate.ImageMetrics;
import org.segprune.graph.ModelSummaries;
import org.segprune.model.ModelSummary;
import org.segprune.model.SegmentationModel;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.NodeTable;
import org.segprune.table.RecordTables;
import org.segprune.table.TableSchema;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Segmentation Evaluator: the evaluation report as a one-row table (the report's fields, in its
 * order) and one row per image with its metrics and, optionally, an overlay image.
 */
public final class EvaluatorStep extends Step<EvaluatorSettings> {

    public static final String OVERLAY = "overlay";

    /** The report's fields as columns, named and ordered as in its JSON. */
    public static final TableSchema METRICS = RecordTables.schemaOf(EvaluationReport.class);

    static final String TABLE = "the image table";

    /** The metrics row, the per-image rows and the engine's report. */
    public record Evaluated(NodeTable metrics, NodeTable perImage, EvaluationReport report) {
    }

    EvaluatorStep() {
        super(new About("org.segprune.knime.nodes.evaluator.EvaluatorNodeFactory", "Predictor", "evaluator.png",
                "Measures a segmentation model: dice and friends, size, GFLOPs and CPU latency.",
                "<p>Predicts every selected image (threshold 0.5 on the sigmoid output) and computes dice, IoU, "
                        + "precision, recall, specificity and accuracy: mean and sample standard deviation over images, and "
                        + "pooled over all pixels. It also reports the model's trainable parameters (with and without "
                        + "batch-norm statistics), size in MB, saved file size, MACs and GFLOPs at its input size, and its "
                        + "batch-1 CPU latency (median of timed runs after warm-up, with the thread count).</p>"
                        + "<p>The per-image table shows each image's metrics and, optionally, an overlay: the image, the "
                        + "true mask and the prediction side by side.</p>",
                List.of("evaluation", "dice", "IoU", "latency", "GFLOPs", "segmentation metrics")),
                EvaluatorSettings.SCHEMA,
                List.of(Port.model("Segmentation model", Port.MODEL_DOC), Port.table("Image table", Port.IMAGE_TABLE_DOC)),
                List.of(Port.table("Metrics", "One row with the evaluation report's fields (_mean and _sd over images, "
                        + "_pooled over all pixels).", METRICS),
                        Port.table("Per-image metrics", "One row per image (row ID: the stem) with its metrics and, if "
                                + "chosen, the <code>" + OVERLAY + "</code> image (PNG).", ImageMetrics.SCHEMA)));
    }

    @Override
    public EvaluatorSettings settings(Map<String, String> raw) {
        return EvaluatorSettings.from(raw);
    }

    @Override
    public List<Object> configure(EvaluatorSettings settings, List<Object> inSpecs) {
        return Arrays.asList((Object[]) configure(settings, modelSpec(inSpecs.get(0)), tableSpec(inSpecs.get(1))));
    }

    @Override
    public Result execute(EvaluatorSettings settings, List<Object> inputs, Context context) {
        Evaluated result = run(settings, (SegmentationModel) inputs.get(0), (NodeTable) inputs.get(1), context.progress());
        EvaluationReport r = result.report();
        return new Result(List.of(result.metrics(), result.perImage()), String.format(Locale.ROOT,
                "dice %.4f +- %.4f (pooled %.4f) on %d images; %,d params, %.4f GFLOPs, %.1f ms", r.diceMean(), r.diceSd(),
                r.dicePooled(), r.images(), r.params(), r.gflops(), r.latencyMs()));
    }

    /** The per-image table's columns: the metrics, plus the overlay PNG when asked for. */
    public static TableSchema perImageSchema(EvaluatorSettings settings) {
        List<Column> columns = new ArrayList<>(ImageMetrics.SCHEMA.columns());
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
            throw new SegPruneException("connect an image table (from the Segmentation Data Reader)");
        }
        settings.rows().check(images, TABLE);
        return new TableSchema[] {METRICS, perImageSchema(settings)};
    }

    public static Evaluated run(EvaluatorSettings settings, SegmentationModel model, NodeTable images, Progress progress) {
        configure(settings, null, images.schema());
        SegmentationDataset data = settings.rows().select(images, TABLE, model.info().inputSize(), progress.sub(0, 0.05));
        Map<String, byte[]> overlays = new HashMap<>();
        Evaluator.PredictionSink sink = settings.overlays() ? p -> overlays.put(p.stem(), Overlays.png(p)) : null;
        String name = settings.modelName().isEmpty() ? defaultName(model) : settings.modelName();
        Evaluator.Result result = Evaluator.evaluate(model, name, data, settings.batchSize(), settings.latencyRuns(),
                progress.sub(0.05, 1), sink);
        EvaluationReport report = result.report();
        NodeTable metrics = NodeTable.builder(METRICS).add(name, RecordTables.cellsOf(report)).build();
        NodeTable.Builder perImage = NodeTable.builder(perImageSchema(settings));
        for (ImageMetrics image : result.images()) {
            List<Object> cells = new ArrayList<>(Arrays.asList(image.cells()));
            if (settings.overlays()) {
                cells.add(overlays.get(image.stem()));
            }
            perImage.add(image.stem(), cells.toArray());
        }
        return new Evaluated(metrics, perImage.build(), report);
    }

    private static String defaultName(SegmentationModel model) {
        return String.format(Locale.ROOT, "%s (%,d params)", model.info().architecture(),
                ModelSummaries.of(model).trainableParams());
    }
}
