package org.segprune.step;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.graph.ModelSummaries;
import org.segprune.model.ModelSummary;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PrunePlan;
import org.segprune.prune.Pruner;
import org.segprune.score.ScoreTable;
import org.segprune.table.ColumnType;
import org.segprune.table.NodeTable;
import org.segprune.table.RecordTables;
import org.segprune.table.TableSchema;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/** Filter Pruner: scores + budget -> a physically smaller model and its per-layer plan. */
public final class FilterPrunerStep extends Step<FilterPrunerSettings> {

    /** The plan's layers as columns (without the kept indices, which the plan JSON holds). */
    public static final TableSchema PLAN = RecordTables.schemaOf(PrunePlan.LayerPlan.class, "kept");

    static final String TABLE = "the score table";

    /** The pruned model, the plan table and the engine's plan. */
    public record Pruned(SegmentationModel model, NodeTable planTable, PrunePlan plan) {
    }

    FilterPrunerStep() {
        super(new About("org.segprune.knime.nodes.pruner.FilterPrunerNodeFactory", "Manipulator", "pruner.png",
                "Physically removes the lowest-scoring filters of a model.",
                "<p>Removes the lowest-scoring filters from the network itself, so the pruned model is smaller and "
                        + "faster (not just masked): every consumer of a removed channel (batch norms, concatenations, the "
                        + "next convolutions) is cut to match, kept weights are copied exactly. Channels coupled by "
                        + "element-wise additions are pruned together, with their scores averaged; channels reaching the "
                        + "output or coming from the input are never removed.</p>"
                        + "<p>Either every layer loses the same share of its filters (local ratio), or filters are "
                        + "compared across layers and removed until the trainable parameters fit a budget (global). "
                        + "Fine-tune the pruned model with the <i>Fine-Tuner</i>.</p>",
                List.of("pruning", "compression", "filter pruning", "model size")),
                FilterPrunerSettings.SCHEMA,
                List.of(Port.model("Segmentation model", Port.MODEL_DOC + " It needs at least one prunable layer."),
                        Port.table("Filter scores", "The scores of every filter of every prunable layer, as the "
                                + "<i>Attention Scorer</i> writes them (its <code>method</code> is recorded in the pruned "
                                + "model's provenance).")),
                List.of(Port.model("Pruned model", "The smaller model; its provenance records the scores, the budget and "
                        + "the parameters before and after."),
                        Port.table("Pruning plan", "One row per prunable layer; layers pruned together share a group.",
                                PLAN)));
    }

    @Override
    public FilterPrunerSettings settings(Map<String, String> raw) {
        return FilterPrunerSettings.from(raw);
    }

    @Override
    public List<Object> configure(FilterPrunerSettings settings, List<Object> inSpecs) {
        return Arrays.asList(null, configure(settings, modelSpec(inSpecs.get(0)), tableSpec(inSpecs.get(1))));
    }

    @Override
    public Result execute(FilterPrunerSettings settings, List<Object> inputs, Context context) {
        Pruned pruned = run(settings, (SegmentationModel) inputs.get(0), (NodeTable) inputs.get(1), context.progress());
        PrunePlan plan = pruned.plan();
        return new Result(List.of(pruned.model(), pruned.planTable()), String.format(Locale.ROOT,
                "pruned %,d -> %,d params (%.2f %%) with %s, %s %.4g", plan.paramsBefore(), plan.paramsAfter(),
                100 * plan.paramsFraction(), plan.method(), plan.mode(), plan.value()));
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
        scores.require(TABLE, ScoreTable.LAYER, "layer names", ColumnType.STRING);
        scores.require(TABLE, ScoreTable.FILTER, "filter indices", ColumnType.INT, ColumnType.LONG);
        scores.require(TABLE, ScoreTable.SCORE, "scores", ColumnType.DOUBLE, ColumnType.INT, ColumnType.LONG);
        return PLAN;
    }

    /** How far below its budget a global keep-params may land before the user is told (relative to the budget). */
    static final double BUDGET_TOLERANCE = 0.05;

    /**
     * Why the plan meets its budget only approximately, or null if it meets it: a global budget undershot by more than
     * {@link #BUDGET_TOLERANCE} (the smallest removable step is large), or a local ratio that layers could not follow
     * because they keep their minimum channels.
     */
    static String approximation(PrunePlan plan) {
        if (plan.mode().equals("keep-params")) {
            if (plan.paramsFraction() < plan.value() * (1 - BUDGET_TOLERANCE)) {
                return String.format(Locale.ROOT, "keep parameters %s met only approximately: the pruned model keeps "
                        + "%.2f %% of its parameters (the smallest step that fits the budget removes more)", plan.value(),
                        100 * plan.paramsFraction());
            }
            return null;
        }
        int held = 0;
        for (PrunePlan.LayerPlan layer : plan.layers()) {
            int asked = layer.channelsBefore() - (int) Math.round(plan.value() * layer.channelsBefore());
            held += layer.channelsAfter() > asked ? 1 : 0;
        }
        return held == 0 ? null : String.format(Locale.ROOT, "ratio %s met only approximately: %d of %d layers keep more "
                + "channels than it asks, their minimum of %d (minimum channels)", plan.value(), held, plan.layers().size(),
                plan.minChannels());
    }

    public static Pruned run(FilterPrunerSettings settings, SegmentationModel model, NodeTable scores, Progress progress) {
        configure(settings, ModelSummaries.of(model), scores.schema());
        progress.checkCancelled();
        ScoreTable table = ScoreTable.fromTable(scores, TABLE);
        progress.report(0.1, "pruning " + settings.prune().describe());
        Pruner.Result result = Pruner.prune(model, table, settings.prune());
        NodeTable.Builder plan = NodeTable.builder(PLAN);
        for (PrunePlan.LayerPlan layer : result.plan().layers()) {
            plan.add(layer.layer(), RecordTables.cellsOf(layer, "kept"));
        }
        String approximate = approximation(result.plan());
        if (approximate != null) {
            progress.warn(approximate);
        }
        progress.report(1, String.format(Locale.ROOT, "%d -> %d parameters", result.plan().paramsBefore(),
                result.plan().paramsAfter()));
        return new Pruned(result.model(), plan.build(), result.plan());
    }
}
