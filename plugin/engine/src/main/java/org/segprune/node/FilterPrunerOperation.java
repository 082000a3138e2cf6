package org.segprune.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PrunePlan;
import org.segprune.prune.Pruner;
import org.segprune.score.ScoreTable;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/** Filter Pruner: scores + budget -> a physically smaller model and its per-layer plan. */
public final class FilterPrunerOperation {

    public static final String LAYER = "layer";
    public static final String GROUP = "group";
    public static final String BEFORE = "channels_before";
    public static final String AFTER = "channels_after";

    public static final TableSchema PLAN = TableSchema.of(new Column(LAYER, ColumnType.STRING),
            new Column(GROUP, ColumnType.INT), new Column(BEFORE, ColumnType.INT), new Column(AFTER, ColumnType.INT));

    static final String TABLE = "the score table";

    /** The pruned model, the plan table and the engine's plan. */
    public record Result(SegmentationModel model, NodeTable planTable, PrunePlan plan) {
    }

    private FilterPrunerOperation() {
    }

    /**
     * @param model  the model's summary, null if not known yet
     * @param scores the score table's columns
     * @return the plan table's columns
     */
    public static TableSchema configure(FilterPrunerSettings settings, ModelSummary model, TableSchema scores) {
        if (model != null) {
            model.requirePrunable();
        }
        if (scores == null) {
            throw new SegPruneException("connect a score table (from the Attention Scorer)");
        }
        scores.require(TABLE, AttentionScorerOperation.LAYER, "layer names", ColumnType.STRING);
        scores.require(TABLE, AttentionScorerOperation.FILTER, "filter indices", ColumnType.INT, ColumnType.LONG);
        scores.require(TABLE, AttentionScorerOperation.SCORE, "scores", ColumnType.DOUBLE, ColumnType.INT, ColumnType.LONG);
        return PLAN;
    }

    public static Result run(FilterPrunerSettings settings, SegmentationModel model, NodeTable scores, Progress progress) {
        configure(settings, ModelSummary.of(model), scores.schema());
        progress.checkCancelled();
        ScoreTable table = toScoreTable(scores);
        progress.report(0.1, "pruning " + settings.prune().describe());
        Pruner.Result result = Pruner.prune(model, table, settings.prune());
        NodeTable.Builder plan = NodeTable.builder(PLAN);
        for (PrunePlan.LayerPlan layer : result.plan().layers()) {
            plan.add(layer.layer(), layer.layer(), layer.group(), layer.channelsBefore(), layer.channelsAfter());
        }
        progress.report(1, String.format(java.util.Locale.ROOT, "%d -> %d parameters", result.plan().paramsBefore(),
                result.plan().paramsAfter()));
        return new Result(result.model(), plan.build(), result.plan());
    }

    /** The score table's rows as the engine's scores; rows of a layer must list filters 0..n-1 once each. */
    static ScoreTable toScoreTable(NodeTable scores) {
        if (scores.size() == 0) {
            throw new SegPruneException(TABLE + " is empty");
        }
        int layerColumn = scores.schema().indexOf(AttentionScorerOperation.LAYER);
        int filterColumn = scores.schema().indexOf(AttentionScorerOperation.FILTER);
        int scoreColumn = scores.schema().indexOf(AttentionScorerOperation.SCORE);
        int methodColumn = scores.schema().indexOf(AttentionScorerOperation.METHOD);
        Map<String, List<double[]>> byLayer = new LinkedHashMap<>();
        String method = null;
        for (NodeTable.Row row : scores.rows()) {
            Object layer = row.cell(layerColumn);
            Object filter = row.cell(filterColumn);
            Object score = row.cell(scoreColumn);
            if (layer == null || filter == null || score == null) {
                throw new SegPruneException("row '" + row.key() + "' of " + TABLE + " has a missing layer, filter or score");
            }
            byLayer.computeIfAbsent(layer.toString(), k -> new ArrayList<>())
                    .add(new double[] {((Number) filter).longValue(), ((Number) score).doubleValue()});
            if (method == null && methodColumn >= 0 && row.cell(methodColumn) != null) {
                method = row.cell(methodColumn).toString();
            }
        }
        Map<String, double[]> vectors = new LinkedHashMap<>();
        byLayer.forEach((layer, rows) -> {
            double[] values = new double[rows.size()];
            boolean[] seen = new boolean[rows.size()];
            for (double[] row : rows) {
                long filter = (long) row[0];
                if (filter < 0 || filter >= values.length || seen[(int) filter]) {
                    throw new SegPruneException(TABLE + ": layer '" + layer + "' must list filters 0.." + (values.length - 1)
                            + " once each (filter " + filter + ")");
                }
                if (!Double.isFinite(row[1])) {
                    throw new SegPruneException(TABLE + ": layer '" + layer + "' filter " + filter
                            + " has a score that is not a finite number");
                }
                seen[(int) filter] = true;
                values[(int) filter] = row[1];
            }
            vectors.put(layer, values);
        });
        return new ScoreTable(method == null ? "table scores" : method, vectors);
    }
}
