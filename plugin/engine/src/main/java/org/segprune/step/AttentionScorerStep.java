package org.segprune.step;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.data.SegmentationDataset;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.SegmentationModel;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;
import org.segprune.graph.ModelSummaries;
import org.segprune.model.ModelSummary;
import org.segprune.table.TableSchema;
import org.segprune.table.NodeTable;

/** Attention Scorer: one importance score per filter of every prunable layer, as a table. */
public final class AttentionScorerStep extends Step<AttentionScorerSettings> {

    public static final TableSchema SCORES = ScoreTable.SCHEMA;

    static final String TABLE = "the image table";

    /** The scores and the engine's score table. */
    public record Scored(NodeTable table, ScoreTable scores) {
    }

    AttentionScorerStep() {
        super(new About("org.segprune.knime.nodes.scorer.AttentionScorerNodeFactory", "Learner", "scorer.png",
                "Scores the importance of every convolution filter, by weight magnitude or channel attention.",
                "<p>Gives every filter of every prunable layer an importance score (higher is more important) and "
                        + "its rank within its layer (1 = most important). The <i>Filter Pruner</i> removes the "
                        + "lowest-scoring filters.</p>"
                        + "<p>Seven methods: the magnitude scores <b>l1</b> and <b>l2</b> need only the weights; the "
                        + "channel attention scores <b>se</b>, <b>eca</b> and <b>cbam</b> follow their papers, and "
                        + "<b>saca</b> and <b>sbca</b> are <i>SegPrune's own definitions</i>, built from the method names "
                        + "of Hossain, Gong and Shaban (2025), whose formulas are not public. An attention method attaches "
                        + "one module to every prunable layer, trains only these modules on the images with the "
                        + "segmentation loss for a few epochs, and scores each filter by its mean gate over the images. "
                        + "A small penalty on the gates (<i>Gate sparsity</i>, SegPrune's addition) makes the gates of "
                        + "filters the network does not need sink, so that they score lowest. "
                        + "The model itself is never changed and is passed through.</p>",
                List.of("pruning", "filter importance", "channel attention", "SE", "ECA", "CBAM", "SACA", "SBCA",
                        "l1 norm")),
                AttentionScorerSettings.SCHEMA,
                List.of(Port.model("Segmentation model", Port.MODEL_DOC + " It needs at least one prunable layer."),
                        Port.table("Image table", "Optional; needed by the attention methods. " + Port.IMAGE_TABLE_DOC)
                                .asOptional()),
                List.of(Port.table("Filter scores", "One row per filter.", SCORES),
                        Port.model("Segmentation model", "The input model, unchanged.")));
    }

    @Override
    public AttentionScorerSettings settings(Map<String, String> raw) {
        return AttentionScorerSettings.from(raw);
    }

    @Override
    public List<Object> configure(AttentionScorerSettings settings, List<Object> inSpecs) {
        return Arrays.asList(configure(settings, modelSpec(inSpecs.get(0)), tableSpec(inSpecs.get(1))), inSpecs.get(0));
    }

    @Override
    public Result execute(AttentionScorerSettings settings, List<Object> inputs, Context context) {
        SegmentationModel model = (SegmentationModel) inputs.get(0);
        Scored scored = run(settings, model, (NodeTable) inputs.get(1), context.progress());
        return new Result(List.of(scored.table(), model), String.format(Locale.ROOT, "scored %d filters of %d layers with %s",
                scored.scores().rows().size(), scored.scores().layers().size(), scored.scores().method()));
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
    public static Scored run(AttentionScorerSettings settings, SegmentationModel model, NodeTable data, Progress progress) {
        ModelSummary summary = ModelSummaries.of(model);
        configure(settings, summary, data == null ? null : data.schema());
        SegmentationDataset images = null;
        Progress scoring = progress;
        if (settings.scorer().needsData()) {
            images = settings.rows().select(data, TABLE, model.info().inputSize(), progress.sub(0, 0.05),
                    model.info());
            scoring = progress.sub(0.05, 1);
        }
        ScoreTable scores = settings.scorer().score(new ScoringRequest(model, ChannelGraph.of(model), images,
                settings.scoring(), scoring));
        return new Scored(scores.toTable(), scores);
    }
}
