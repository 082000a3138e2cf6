package org.segprune.node;

import org.segprune.data.SegmentationDataset;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.SegmentationModel;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/** Attention Scorer: one importance score per filter of every prunable layer, as a table. */
public final class AttentionScorerOperation {

    public static final String LAYER = "layer";
    public static final String FILTER = "filter";
    public static final String SCORE = "score";
    public static final String RANK = "rank";
    public static final String METHOD = "method";

    public static final TableSchema SCORES = TableSchema.of(new Column(LAYER, ColumnType.STRING),
            new Column(FILTER, ColumnType.INT), new Column(SCORE, ColumnType.DOUBLE), new Column(RANK, ColumnType.INT),
            new Column(METHOD, ColumnType.STRING));

    static final String TABLE = "the image table";

    /** The scores and the engine's score table. */
    public record Result(NodeTable table, ScoreTable scores) {
    }

    private AttentionScorerOperation() {
    }

    /**
     * Checks settings against the inputs.
     *
     * @param model the model's summary, null if not known yet
     * @param data  the image table's columns, null if no table is connected
     * @return the score table's columns
     */
    public static TableSchema configure(AttentionScorerSettings settings, ModelSummary model, TableSchema data) {
        if (model != null) {
            model.requirePrunable();
        }
        if (settings.scorer().needsData()) {
            if (data == null) {
                throw new SegPruneException("method '" + settings.scorer().name() + "' needs images: connect an image table");
            }
            settings.rows().check(data, TABLE);
        }
        return SCORES;
    }

    /** @param data the image table, or null (only magnitude methods run without one) */
    public static Result run(AttentionScorerSettings settings, SegmentationModel model, NodeTable data, Progress progress) {
        ModelSummary summary = ModelSummary.of(model);
        configure(settings, summary, data == null ? null : data.schema());
        SegmentationDataset images = null;
        Progress scoring = progress;
        if (settings.scorer().needsData()) {
            images = settings.rows().select(data, TABLE, progress.sub(0, 0.05));
            scoring = progress.sub(0.05, 1);
        }
        ScoreTable scores = settings.scorer().score(new ScoringRequest(model, ChannelGraph.of(model), images,
                settings.scoring(), scoring));
        return new Result(toTable(scores), scores);
    }

    static NodeTable toTable(ScoreTable scores) {
        NodeTable.Builder table = NodeTable.builder(SCORES);
        for (ScoreTable.Row row : scores.rows()) {
            table.add(row.layer() + "#" + row.filter(), row.layer(), row.filter(), row.score(), row.rank(), scores.method());
        }
        return table.build();
    }
}
