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
 * Segmentation Evaluator: the evaluation report as a table row (the report's fields, in its order) and
 * one row per image with its metrics and, optionally, an overlay image. An optional third input takes
 * another evaluator's metrics table: its rows come first, so a chain of evaluators gathers every
 * model's row into one table for KNIME's plot nodes (and for {@code segprune run}, which runs only
 * SegPrune nodes, so KNIME's Concatenate node is no option there).
 */
public final class EvaluatorStep extends Step<EvaluatorSettings> {

    public static final String OVERLAY = "overlay";

    /** The report's fields as columns, named and ordered as in its JSON. */
    public static final TableSchema METRICS = RecordTables.schemaOf(EvaluationReport.class);

    static final String TABLE = "the image table";

    static final String EARLIER = "the earlier metrics table";

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
                        + "batch-1 latency (median of timed runs after warm-up, with the thread count, the runtime and the "
                        + "device).</p>"
                        + "<p>The per-image table shows each image's metrics and, optionally, an overlay: the image, the "
                        + "true mask and the prediction side by side.</p>",
                List.of("evaluation", "dice", "IoU", "latency", "GFLOPs", "segmentation metrics")),
                EvaluatorSettings.SCHEMA,
                List.of(Port.model("Segmentation model", Port.MODEL_DOC), Port.table("Image table", Port.IMAGE_TABLE_DOC),
                        Port.table("Earlier metrics", "Optional: the <i>Metrics</i> table of another Segmentation "
                                + "Evaluator. Its rows come first in this node's Metrics table, so that evaluators "
                                + "connected one after the other gather every model's row into one table, ready for "
                                + "KNIME's plot nodes. The model name must differ from the names already in it.")
                                .asOptional()),
                List.of(Port.table("Metrics", "The rows of the earlier metrics table (if connected), then one row "
                        + "with this evaluation report's fields (_mean and _sd over images, _pooled over all pixels); "
                        + "row ID: the model name.", METRICS),
                        Port.table("Per-image metrics", "One row per image (row ID: the stem) with its metrics and, if "
                                + "chosen, the <code>" + OVERLAY + "</code> image (PNG). A multi-class model (mask values "
                                + "other than binary) adds dice, iou, hd95 and assd per foreground class and their mean "
                                + "dice after the metrics; its other metrics count any class against background.",
                                ImageMetrics.SCHEMA)));
    }

    @Override
    public EvaluatorSettings settings(Map<String, String> raw) {
        return EvaluatorSettings.from(raw);
    }

    @Override
    public List<Object> configure(EvaluatorSettings settings, List<Object> inSpecs) {
        checkEarlier(tableSpec(inSpecs.get(2)));
        return Arrays.asList((Object[]) configure(settings, modelSpec(inSpecs.get(0)), tableSpec(inSpecs.get(1))));
    }

    @Override
    public Result execute(EvaluatorSettings settings, List<Object> inputs, Context context) {
        NodeTable earlier = (NodeTable) inputs.get(2);
        SegmentationModel model = (SegmentationModel) inputs.get(0);
        if (earlier != null) {
            checkEarlier(earlier.schema());
            String name = modelName(settings, model);
            if (earlier.rows().stream().anyMatch(row -> row.key().equals(name))) {
                throw new SegPruneException("model name '" + name + "' is already a row of " + EARLIER
                        + ": give this evaluator another " + EvaluatorSettings.MODEL_NAME);
            }
        }
        Evaluated result = run(settings, model, (NodeTable) inputs.get(1), context.progress());
        EvaluationReport r = result.report();
        NodeTable metrics = earlier == null ? result.metrics() : appended(earlier, result.metrics());
        return new Result(List.of(metrics, result.perImage()), String.format(Locale.ROOT,
                "dice %.4f +- %.4f (pooled %.4f) on %d images; %,d params, %.4f GFLOPs, %.1f ms (%s, %s)", r.diceMean(),
                r.diceSd(), r.dicePooled(), r.images(), r.params(), r.gflops(), r.latencyMs(), r.runtime(), r.device()));
    }

    /**
     * An earlier metrics table (null: not connected) must have exactly the Metrics columns, in any order.
     *
     * @throws SegPruneException naming the column at fault
     */
    static void checkEarlier(TableSchema earlier) {
        if (earlier == null) {
            return;
        }
        for (Column column : METRICS.columns()) {
            earlier.require(EARLIER, column.name(), "the evaluation report's " + column.name(), column.type());
        }
        List<String> extra = new ArrayList<>(earlier.names());
        extra.removeAll(METRICS.names());
        if (!extra.isEmpty()) {
            throw new SegPruneException(EARLIER + " has columns a Segmentation Evaluator's Metrics table does not have: "
                    + String.join(", ", extra));
        }
    }

    /** The earlier rows (cells read by column name) followed by the new ones. */
    static NodeTable appended(NodeTable earlier, NodeTable metrics) {
        NodeTable.Builder all = NodeTable.builder(METRICS);
        int[] source = METRICS.names().stream().mapToInt(earlier.schema()::indexOf).toArray();
        for (NodeTable.Row row : earlier.rows()) {
            Object[] cells = new Object[source.length];
            for (int c = 0; c < source.length; c++) {
                cells[c] = row.cell(source[c]);
            }
            all.add(row.key(), cells);
        }
        metrics.rows().forEach(row -> all.add(row.key(), row.cells().toArray()));
        return all.build();
    }

    /**
     * The per-image table's columns: the metrics, a multi-class model's per-class columns ({@code classes} > 0,
     * {@link ImageMetrics#schema(int)}), plus the overlay PNG when asked for.
     */
    public static TableSchema perImageSchema(EvaluatorSettings settings, int classes) {
        List<Column> columns = new ArrayList<>(ImageMetrics.schema(classes).columns());
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
        return new TableSchema[] {METRICS, perImageSchema(settings, model == null ? 0 : model.classes())};
    }

    public static Evaluated run(EvaluatorSettings settings, SegmentationModel model, NodeTable images, Progress progress) {
        configure(settings, null, images.schema());
        SegmentationDataset data = settings.rows().select(images, TABLE, model.info().inputSize(), progress.sub(0, 0.05),
                model.info());
        Map<String, byte[]> overlays = new HashMap<>();
        Evaluator.PredictionSink sink = settings.overlays() ? p -> overlays.put(p.stem(), Overlays.png(p)) : null;
        String name = modelName(settings, model);
        Evaluator.Result result = Evaluator.evaluate(model, name, data, settings.batchSize(), settings.latencyRuns(),
                settings.runtime(), settings.threads(), progress.sub(0.05, 1), sink);
        EvaluationReport report = result.report();
        NodeTable metrics = NodeTable.builder(METRICS).add(name, RecordTables.cellsOf(report)).build();
        NodeTable.Builder perImage = NodeTable.builder(perImageSchema(settings, ImageMetrics.classes(result.images())));
        for (ImageMetrics image : result.images()) {
            List<Object> cells = new ArrayList<>(Arrays.asList(image.allCells()));
            if (settings.overlays()) {
                cells.add(overlays.get(image.stem()));
            }
            perImage.add(image.stem(), cells.toArray());
        }
        return new Evaluated(metrics, perImage.build(), report);
    }

    private static String modelName(EvaluatorSettings settings, SegmentationModel model) {
        return settings.modelName().isEmpty() ? defaultName(model) : settings.modelName();
    }

    private static String defaultName(SegmentationModel model) {
        return String.format(Locale.ROOT, "%s (%,d params)", model.info().architecture(),
                ModelSummaries.of(model).trainableParams());
    }
}
