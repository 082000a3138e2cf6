package org.segprune.knime.workflows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segprune.step.Steps;

/**
 * The test workflows of test-workflows/, defined once: their nodes, settings that differ from the
 * defaults, and connections. {@link WorkflowWriter} turns them into KNIME workflow folders. Settings are
 * tiny (64x64 input, 8 base filters, few epochs) so that 'segprune run' finishes in seconds on phantoms;
 * the data folder is the Data Reader's setting (relative paths resolve against the workflow folder).
 */
public final class TestWorkflows {

    /** Data folder in the committed workflows: the project's shared lung X-rays, beside the repository. */
    public static final String DATA = "../../../shared/data/lung-cxr";

    /** A node: id, factory, settings that differ from the defaults, position. */
    public record Node(int id, String factory, Map<String, String> settings, int x, int y) {
    }

    /** A connection, ports numbered as in workflow.knime (0 = flow variables, 1 = first data port). */
    public record Connection(int source, int sourcePort, int dest, int destPort) {
    }

    /** A workflow folder. */
    public record Workflow(String folder, List<Node> nodes, List<Connection> connections) {
    }

    private TestWorkflows() {
    }

    public static List<Workflow> all() {
        return List.of(trainPruneFineTuneEvaluate(), compareL1L2TwoBudgets(), deepLabV3PlusSePruning(), trainEvaluatePredictWrite());
    }

    private static Map<String, String> settings(final String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Node dataReader(final int id, final int x, final int y) {
        return new Node(id, Steps.DATA_READER.about().factory(), settings("images_folder", DATA + "/images", "masks_folder",
            DATA + "/masks", "test_fraction", "0.2", "seed", "42"), x, y);
    }

    private static Node newUnet(final int id, final int x, final int y) {
        return new Node(id, Steps.MODEL_READER.about().factory(), settings("source", "new", "architecture", "unet", "input_size", "64",
            "input_channels", "1", "depth", "3", "base_filters", "8", "seed", "7"), x, y);
    }

    private static Node newDeepLabV3Plus(final int id, final int x, final int y) {
        return new Node(id, Steps.MODEL_READER.about().factory(), settings("source", "new", "architecture", "deeplabv3plus", "input_size", "64",
            "input_channels", "1", "depth", "4", "base_filters", "8", "seed", "7"), x, y);
    }

    private static Node train(final int id, final int epochs, final int x, final int y) {
        return new Node(id, Steps.FINE_TUNER.about().factory(), settings("epochs", Integer.toString(epochs), "batch_size", "4", "learning_rate", "0.003",
            "rows", "train"), x, y);
    }

    private static Node scorer(final int id, final String method, final int x, final int y) {
        return new Node(id, Steps.ATTENTION_SCORER.about().factory(), settings("method", method), x, y);
    }

    private static Node pruner(final int id, final String keep, final int x, final int y) {
        return new Node(id, Steps.FILTER_PRUNER.about().factory(), settings("mode", "keep_params", "keep_params", keep), x, y);
    }

    private static Node evaluator(final int id, final String name, final int x, final int y) {
        return new Node(id, Steps.EVALUATOR.about().factory(), settings("model_name", name, "rows", "test"), x, y);
    }

    /** Builds a U-Net, trains it, prunes it with l1 to half its parameters, fine-tunes, evaluates both. */
    static Workflow trainPruneFineTuneEvaluate() {
        List<Node> nodes = List.of(dataReader(1, 40, 200), newUnet(2, 40, 60), train(3, 12, 200, 60),
            scorer(4, "l1", 360, 60), pruner(5, "0.5", 520, 60), train(6, 10, 680, 60),
            evaluator(7, "pruned l1 keep 0.5, fine-tuned", 840, 60), evaluator(8, "trained", 360, 200));
        List<Connection> connections = List.of(
            new Connection(2, 1, 3, 1), new Connection(1, 1, 3, 2),
            new Connection(3, 1, 4, 1), new Connection(1, 1, 4, 2),
            new Connection(4, 2, 5, 1), new Connection(4, 1, 5, 2),
            new Connection(5, 1, 6, 1), new Connection(1, 1, 6, 2),
            new Connection(6, 1, 7, 1), new Connection(1, 1, 7, 2),
            new Connection(3, 1, 8, 1), new Connection(1, 1, 8, 2));
        return new Workflow("train-prune-finetune-evaluate-unet", nodes, connections);
    }

    /** Builds a DeepLabV3+, trains it, prunes it with SE attention scores to half its parameters, fine-tunes, evaluates both. */
    static Workflow deepLabV3PlusSePruning() {
        List<Node> nodes = List.of(dataReader(1, 40, 200), newDeepLabV3Plus(2, 40, 60), train(3, 12, 200, 60),
            new Node(4, Steps.ATTENTION_SCORER.about().factory(), settings("method", "se", "rows", "train"), 360, 60),
            pruner(5, "0.5", 520, 60), train(6, 10, 680, 60),
            evaluator(7, "DeepLabV3+ pruned se keep 0.5, fine-tuned", 840, 60), evaluator(8, "DeepLabV3+ trained", 360, 200));
        List<Connection> connections = List.of(
            new Connection(2, 1, 3, 1), new Connection(1, 1, 3, 2),
            new Connection(3, 1, 4, 1), new Connection(1, 1, 4, 2),
            new Connection(4, 2, 5, 1), new Connection(4, 1, 5, 2),
            new Connection(5, 1, 6, 1), new Connection(1, 1, 6, 2),
            new Connection(6, 1, 7, 1), new Connection(1, 1, 7, 2),
            new Connection(3, 1, 8, 1), new Connection(1, 1, 8, 2));
        return new Workflow("train-prune-finetune-evaluate-deeplabv3plus", nodes, connections);
    }

    /** One trained U-Net pruned by l1 and by l2 scores, each at two global budgets, fine-tuned and evaluated. */
    static Workflow compareL1L2TwoBudgets() {
        List<Node> nodes = new ArrayList<>(List.of(dataReader(1, 40, 240), newUnet(2, 40, 80), train(3, 12, 200, 80),
            scorer(4, "l1", 360, 40), scorer(5, "l2", 360, 280)));
        List<Connection> connections = new ArrayList<>(List.of(new Connection(2, 1, 3, 1), new Connection(1, 1, 3, 2),
            new Connection(3, 1, 4, 1), new Connection(3, 1, 5, 1)));
        String[] methods = {"l1", "l1", "l2", "l2"};
        String[] budgets = {"0.5", "0.25", "0.5", "0.25"};
        for (int i = 0; i < 4; i++) {
            int pruner = 6 + i;
            int tuner = 10 + i;
            int evaluator = 14 + i;
            int scorer = methods[i].equals("l1") ? 4 : 5;
            int y = 20 + 120 * i;
            nodes.add(pruner(pruner, budgets[i], 520, y));
            nodes.add(train(tuner, 10, 680, y));
            nodes.add(evaluator(evaluator, methods[i] + " keep " + budgets[i], 840, y));
            connections.addAll(List.of(new Connection(scorer, 2, pruner, 1), new Connection(scorer, 1, pruner, 2),
                new Connection(pruner, 1, tuner, 1), new Connection(1, 1, tuner, 2),
                new Connection(tuner, 1, evaluator, 1), new Connection(1, 1, evaluator, 2)));
        }
        return new Workflow("compare-l1-l2-two-budgets", nodes, connections);
    }

    /**
     * Builds and trains a U-Net, then three independent branches on the trained model: evaluate it on the test rows,
     * segment the test rows' images, and write it as ONNX next to the workflow (segprune run --parallel runs the
     * branches at once).
     */
    static Workflow trainEvaluatePredictWrite() {
        List<Node> nodes = List.of(dataReader(1, 40, 200), newUnet(2, 40, 60), train(3, 12, 200, 60),
            evaluator(4, "trained", 400, 200),
            new Node(5, Steps.MODEL_WRITER.about().factory(), settings("file", "trained-unet.onnx", "format", "onnx",
                "if_exists", "overwrite"), 400, 60),
            new Node(6, Steps.PREDICTOR.about().factory(), settings("rows", "test"), 400, 320));
        List<Connection> connections = List.of(
            new Connection(2, 1, 3, 1), new Connection(1, 1, 3, 2),
            new Connection(3, 1, 4, 1), new Connection(1, 1, 4, 2),
            new Connection(3, 1, 5, 1),
            new Connection(3, 1, 6, 1), new Connection(1, 1, 6, 2));
        return new Workflow("train-evaluate-predict-write-unet", nodes, connections);
    }
}
