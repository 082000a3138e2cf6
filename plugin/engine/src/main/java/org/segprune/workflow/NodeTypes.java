package org.segprune.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.model.SegmentationModel;
import org.segprune.node.AttentionScorerOperation;
import org.segprune.node.AttentionScorerSettings;
import org.segprune.node.DataReaderOperation;
import org.segprune.node.DataReaderSettings;
import org.segprune.node.EvaluatorOperation;
import org.segprune.node.EvaluatorSettings;
import org.segprune.node.FilterPrunerOperation;
import org.segprune.node.FilterPrunerSettings;
import org.segprune.node.FineTunerOperation;
import org.segprune.node.FineTunerSettings;
import org.segprune.node.ModelReaderOperation;
import org.segprune.node.ModelReaderSettings;
import org.segprune.node.ModelSummary;
import org.segprune.node.NodeTable;
import org.segprune.node.SettingsSchema;
import org.segprune.node.TableSchema;
import org.segprune.prune.PrunePlan;
import org.segprune.train.TrainingResult;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * The nodes {@code segprune run} can execute, by KNIME factory class. The factory names are those of
 * the KNIME extension (module knime-nodes); its tests check that each one exists.
 */
public final class NodeTypes {

    public static final String DATA_READER = "org.segprune.knime.nodes.datareader.DataReaderNodeFactory";
    public static final String MODEL_READER = "org.segprune.knime.nodes.modelreader.ModelReaderNodeFactory";
    public static final String ATTENTION_SCORER = "org.segprune.knime.nodes.scorer.AttentionScorerNodeFactory";
    public static final String FILTER_PRUNER = "org.segprune.knime.nodes.pruner.FilterPrunerNodeFactory";
    public static final String FINE_TUNER = "org.segprune.knime.nodes.finetuner.FineTunerNodeFactory";
    public static final String EVALUATOR = "org.segprune.knime.nodes.evaluator.EvaluatorNodeFactory";

    private static final NodeType.PortDef MODEL_IN = new NodeType.PortDef("Segmentation model", PortKind.MODEL, false);

    private static final Map<String, NodeType> BY_FACTORY = new LinkedHashMap<>();

    static {
        register(new DataReader());
        register(new ModelReader());
        register(new Scorer());
        register(new Pruner());
        register(new FineTuner());
        register(new Evaluator());
    }

    private NodeTypes() {
    }

    private static void register(NodeType type) {
        BY_FACTORY.put(type.factory(), type);
    }

    public static List<NodeType> all() {
        return List.copyOf(BY_FACTORY.values());
    }

    /** @throws SegPruneException naming the node and the nodes that can run, if the factory is not one of them */
    public static NodeType forNode(WorkflowDefinition.NodeEntry node) {
        NodeType type = BY_FACTORY.get(node.factory());
        if (type == null) {
            List<String> known = BY_FACTORY.values().stream().map(t -> t.schema().nodeName()).toList();
            throw new SegPruneException("node " + node.label() + " is not a SegPrune node (factory '" + node.factory()
                    + "'); segprune run executes only " + String.join(", ", known));
        }
        return type;
    }

    private static TableSchema tableSpec(Object spec) {
        return (TableSchema) spec;
    }

    private static ModelSummary modelSpec(Object spec) {
        return (ModelSummary) spec;
    }

    private abstract static class Base implements NodeType {
        private final String factory;
        private final SettingsSchema schema;
        private final List<PortDef> inputs;
        private final List<PortDef> outputs;

        Base(String factory, SettingsSchema schema, List<PortDef> inputs, List<PortDef> outputs) {
            this.factory = factory;
            this.schema = schema;
            this.inputs = inputs;
            this.outputs = outputs;
        }

        @Override
        public String factory() {
            return factory;
        }

        @Override
        public SettingsSchema schema() {
            return schema;
        }

        @Override
        public List<PortDef> inputs() {
            return inputs;
        }

        @Override
        public List<PortDef> outputs() {
            return outputs;
        }
    }

    private static final class DataReader extends Base {
        DataReader() {
            super(DATA_READER, DataReaderSettings.SCHEMA, List.of(),
                    List.of(new PortDef("Image table", PortKind.TABLE, false)));
        }

        @Override
        public void validate(Map<String, String> settings) {
            DataReaderSettings.from(settings);
        }

        @Override
        public List<Object> configure(Map<String, String> settings, List<Object> inSpecs) {
            return List.of(DataReaderOperation.configure(DataReaderSettings.from(settings)));
        }

        @Override
        public List<Object> execute(Map<String, String> settings, List<Object> inputs, Path base, Progress progress) {
            return List.of(DataReaderOperation.run(DataReaderSettings.from(settings), base, progress));
        }

        @Override
        public String summary(List<Object> outputs) {
            NodeTable table = (NodeTable) outputs.get(0);
            int split = table.schema().indexOf(DataReaderOperation.SPLIT);
            long test = table.rows().stream().filter(r -> DataReaderOperation.TEST.equals(r.cell(split))).count();
            return String.format(Locale.ROOT, "%d image/mask pairs: %d train, %d test", table.size(), table.size() - test,
                    test);
        }
    }

    private static final class ModelReader extends Base {
        ModelReader() {
            super(MODEL_READER, ModelReaderSettings.SCHEMA, List.of(),
                    List.of(new PortDef("Segmentation model", PortKind.MODEL, false)));
        }

        @Override
        public void validate(Map<String, String> settings) {
            ModelReaderSettings.from(settings);
        }

        @Override
        public List<Object> configure(Map<String, String> settings, List<Object> inSpecs) {
            ModelReaderSettings.from(settings);
            return Arrays.asList((Object) null);
        }

        @Override
        public List<Object> execute(Map<String, String> settings, List<Object> inputs, Path base, Progress progress) {
            return List.of(ModelReaderOperation.run(ModelReaderSettings.from(settings), base, progress));
        }

        @Override
        public String summary(List<Object> outputs) {
            return ModelSummary.of((SegmentationModel) outputs.get(0)).oneLine();
        }
    }

    private static final class Scorer extends Base {
        Scorer() {
            super(ATTENTION_SCORER, AttentionScorerSettings.SCHEMA,
                    List.of(MODEL_IN, new PortDef("Image table", PortKind.TABLE, true)),
                    List.of(new PortDef("Filter scores", PortKind.TABLE, false),
                            new PortDef("Segmentation model", PortKind.MODEL, false)));
        }

        @Override
        public void validate(Map<String, String> settings) {
            AttentionScorerSettings.from(settings);
        }

        @Override
        public List<Object> configure(Map<String, String> settings, List<Object> inSpecs) {
            TableSchema scores = AttentionScorerOperation.configure(AttentionScorerSettings.from(settings),
                    modelSpec(inSpecs.get(0)), tableSpec(inSpecs.get(1)));
            return Arrays.asList(scores, inSpecs.get(0));
        }

        @Override
        public List<Object> execute(Map<String, String> settings, List<Object> inputs, Path base, Progress progress) {
            SegmentationModel model = (SegmentationModel) inputs.get(0);
            AttentionScorerOperation.Result result = AttentionScorerOperation.run(AttentionScorerSettings.from(settings), model,
                    (NodeTable) inputs.get(1), progress);
            return List.of(result.table(), model);
        }

        @Override
        public String summary(List<Object> outputs) {
            NodeTable scores = (NodeTable) outputs.get(0);
            long layers = scores.rows().stream().map(r -> r.cell(0)).distinct().count();
            Object method = scores.size() == 0 ? "?" : scores.rows().get(0).cell(4);
            return String.format(Locale.ROOT, "scored %d filters of %d layers with %s", scores.size(), layers, method);
        }
    }

    private static final class Pruner extends Base {
        Pruner() {
            super(FILTER_PRUNER, FilterPrunerSettings.SCHEMA,
                    List.of(MODEL_IN, new PortDef("Filter scores", PortKind.TABLE, false)),
                    List.of(new PortDef("Pruned model", PortKind.MODEL, false),
                            new PortDef("Pruning plan", PortKind.TABLE, false)));
        }

        @Override
        public void validate(Map<String, String> settings) {
            FilterPrunerSettings.from(settings);
        }

        @Override
        public List<Object> configure(Map<String, String> settings, List<Object> inSpecs) {
            TableSchema plan = FilterPrunerOperation.configure(FilterPrunerSettings.from(settings), modelSpec(inSpecs.get(0)),
                    tableSpec(inSpecs.get(1)));
            return Arrays.asList(null, plan);
        }

        @Override
        public List<Object> execute(Map<String, String> settings, List<Object> inputs, Path base, Progress progress) {
            FilterPrunerOperation.Result result = FilterPrunerOperation.run(FilterPrunerSettings.from(settings),
                    (SegmentationModel) inputs.get(0), (NodeTable) inputs.get(1), progress);
            return List.of(result.model(), result.planTable(), result.plan());
        }

        @Override
        public String summary(List<Object> outputs) {
            PrunePlan plan = (PrunePlan) outputs.get(2);
            return String.format(Locale.ROOT, "pruned %,d -> %,d params (%.2f %%) with %s, %s %.4g", plan.paramsBefore(),
                    plan.paramsAfter(), 100 * plan.paramsFraction(), plan.method(), plan.mode(), plan.value());
        }
    }

    private static final class FineTuner extends Base {
        FineTuner() {
            super(FINE_TUNER, FineTunerSettings.SCHEMA,
                    List.of(MODEL_IN, new PortDef("Training table", PortKind.TABLE, false),
                            new PortDef("Validation table", PortKind.TABLE, true)),
                    List.of(new PortDef("Trained model", PortKind.MODEL, false),
                            new PortDef("Learning curve", PortKind.TABLE, false)));
        }

        @Override
        public void validate(Map<String, String> settings) {
            FineTunerSettings.from(settings);
        }

        @Override
        public List<Object> configure(Map<String, String> settings, List<Object> inSpecs) {
            TableSchema curve = FineTunerOperation.configure(FineTunerSettings.from(settings), modelSpec(inSpecs.get(0)),
                    tableSpec(inSpecs.get(1)), tableSpec(inSpecs.get(2)));
            return Arrays.asList(null, curve);
        }

        @Override
        public List<Object> execute(Map<String, String> settings, List<Object> inputs, Path base, Progress progress) {
            FineTunerOperation.Result result = FineTunerOperation.run(FineTunerSettings.from(settings),
                    (SegmentationModel) inputs.get(0), (NodeTable) inputs.get(1), (NodeTable) inputs.get(2), progress);
            return List.of(result.model(), result.curve(), result.training());
        }

        @Override
        public String summary(List<Object> outputs) {
            TrainingResult result = (TrainingResult) outputs.get(2);
            return String.format(Locale.ROOT, "%d epoch(s), best epoch %d, validation dice %.4f, %.3f s/img",
                    result.curve().size(), result.bestEpoch(), result.bestValidationDice(), result.secondsPerImage());
        }
    }

    private static final class Evaluator extends Base {
        Evaluator() {
            super(EVALUATOR, EvaluatorSettings.SCHEMA, List.of(MODEL_IN, new PortDef("Image table", PortKind.TABLE, false)),
                    List.of(new PortDef("Metrics", PortKind.TABLE, false), new PortDef("Per-image metrics", PortKind.TABLE,
                            false)));
        }

        @Override
        public void validate(Map<String, String> settings) {
            EvaluatorSettings.from(settings);
        }

        @Override
        public List<Object> configure(Map<String, String> settings, List<Object> inSpecs) {
            return new ArrayList<>(Arrays.asList(EvaluatorOperation.configure(EvaluatorSettings.from(settings),
                    modelSpec(inSpecs.get(0)), tableSpec(inSpecs.get(1)))));
        }

        @Override
        public List<Object> execute(Map<String, String> settings, List<Object> inputs, Path base, Progress progress) {
            EvaluatorOperation.Result result = EvaluatorOperation.run(EvaluatorSettings.from(settings),
                    (SegmentationModel) inputs.get(0), (NodeTable) inputs.get(1), progress);
            return List.of(result.metrics(), result.perImage(), result.report());
        }

        @Override
        public String summary(List<Object> outputs) {
            EvaluationReport r = (EvaluationReport) outputs.get(2);
            return String.format(Locale.ROOT, "dice %.4f +- %.4f (pooled %.4f) on %d images; %,d params, %.4f GFLOPs, %.1f ms",
                    r.diceMean(), r.diceSd(), r.dicePooled(), r.images(), r.params(), r.gflops(), r.latencyMs());
        }
    }
}
