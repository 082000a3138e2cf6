package org.segprune.knime.workflows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segprune.step.Steps;

/**
 * The example workflows of test-workflows/, defined once: their nodes, settings that differ from the
 * defaults, connections, annotations and data. {@link WorkflowWriter} turns them into KNIME workflow
 * folders. Each carries its data beside it: {@link #PHANTOMS} generated lung phantoms in its
 * {@code data/} folder, read through a workflow-relative {@code knime://knime.workflow/} URL, so that it
 * runs as shipped, in KNIME and with 'segprune run'. Settings are tiny (64x64 input, 8 base filters, few
 * epochs) so that a run takes seconds to minutes. Every evaluator hands its metrics table to the next
 * one, so the last evaluator's Metrics output holds every model's row, the unpruned baseline first.
 */
public final class TestWorkflows {

    /** The workflow's own data folder, as KNIME resolves it (relative to the workflow). */
    public static final String DATA = "knime://knime.workflow/data";

    /** The phantoms each workflow carries in {@code data/}: lungs, so the real lung X-rays can replace them. */
    public static final Phantoms PHANTOMS = new Phantoms(24, 64, 3);

    /** Annotation colours (RGB): reading and training, pruning, measuring, the title. */
    static final int PREPARE = 0xDCEBF7;

    static final int PRUNE = 0xFCEBD0;

    static final int MEASURE = 0xDDF2DC;

    static final int TITLE = 0xFFFFFF;

    /** Horizontal and vertical distance between nodes. */
    static final int COLUMN = 220;

    static final int ROW = 130;

    /** Space above the first node of a step's annotation box, for its text. */
    static final int TEXT_HEIGHT = 150;

    /** A node: id, factory, settings that differ from the defaults, position. */
    public record Node(int id, String factory, Map<String, String> settings, int x, int y) {
    }

    /** A connection, ports numbered as in workflow.knime (0 = flow variables, 1 = first data port). */
    public record Connection(int source, int sourcePort, int dest, int destPort) {
    }

    /** A workflow annotation: plain text in a coloured box (KNIME's x, y, width, height). */
    public record Annotation(String text, int x, int y, int width, int height, int color) {

        boolean contains(final Node node) {
            return node.x() >= x && node.x() < x + width && node.y() >= y && node.y() < y + height;
        }
    }

    /** Generated lung phantoms: how many, their size and the generator's seed. */
    public record Phantoms(int count, int size, long seed) {
    }

    /** A workflow folder. */
    public record Workflow(String folder, List<Node> nodes, List<Connection> connections, List<Annotation> annotations) {
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

    private static int x(final int column) {
        return 120 + COLUMN * column;
    }

    private static int y(final int row) {
        return 330 + ROW * row;
    }

    private static Node dataReader(final int id, final int column, final int row) {
        return new Node(id, Steps.DATA_READER.about().factory(), settings("images_folder", DATA + "/images", "masks_folder",
            DATA + "/masks", "test_fraction", "0.2", "seed", "42"), x(column), y(row));
    }

    private static Node newUnet(final int id, final int column, final int row) {
        return new Node(id, Steps.MODEL_READER.about().factory(), settings("source", "new", "architecture", "unet",
            "input_size", "64", "input_channels", "1", "depth", "3", "base_filters", "8", "seed", "7"), x(column), y(row));
    }

    private static Node newDeepLabV3Plus(final int id, final int column, final int row) {
        return new Node(id, Steps.MODEL_READER.about().factory(), settings("source", "new", "architecture",
            "deeplabv3plus", "input_size", "64", "input_channels", "1", "depth", "4", "base_filters", "8", "seed", "7"),
            x(column), y(row));
    }

    private static Node train(final int id, final int epochs, final int column, final int row) {
        return new Node(id, Steps.FINE_TUNER.about().factory(), settings("epochs", Integer.toString(epochs), "batch_size",
            "4", "learning_rate", "0.003", "rows", "train"), x(column), y(row));
    }

    private static Node scorer(final int id, final String method, final int column, final int row) {
        return new Node(id, Steps.ATTENTION_SCORER.about().factory(), settings("method", method), x(column),
            y(row));
    }

    private static Node pruner(final int id, final String keep, final int column, final int row) {
        return new Node(id, Steps.FILTER_PRUNER.about().factory(), settings("mode", "keep_params", "keep_params", keep),
            x(column), y(row));
    }

    private static Node evaluator(final int id, final String name, final int column, final int row) {
        return new Node(id, Steps.EVALUATOR.about().factory(), settings("model_name", name, "rows", "test"), x(column),
            y(row));
    }

    /** A step's annotation: a box around its nodes, the text above the first. */
    private static Annotation step(final String text, final int color, final Node... nodes) {
        int minX = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (Node node : nodes) {
            minX = Math.min(minX, node.x());
            maxX = Math.max(maxX, node.x());
            minY = Math.min(minY, node.y());
            maxY = Math.max(maxY, node.y());
        }
        return new Annotation(text, minX - 90, minY - TEXT_HEIGHT, maxX - minX + COLUMN - 20,
            maxY - minY + TEXT_HEIGHT + 75, color);
    }

    /** The workflow's title and how to use it, above the steps. */
    private static Annotation title(final String text, final int columns) {
        return new Annotation(text, 30, 10, COLUMN * columns - 20, 150, TITLE);
    }

    private static final String HOW_TO_USE = "\nThe images are computer-generated chest X-ray look-alikes (\"phantoms\") "
        + "stored with this workflow in its data folder, so it runs as it is: right-click the last node, Execute. "
        + "To use your own scans, open the Segmentation Data Reader and choose your images and masks folders.";

    private static final String READ = "1. Read the images\nReads the images and their masks (the true outlines) "
        + "from this workflow's data folder (knime://knime.workflow/data) and puts 80 % aside for training, 20 % "
        + "for testing. The split is random but repeatable.";

    private static String create(final String architecture) {
        return "2. Create the model\nBuilds a new, untrained " + architecture + " that outlines the lungs in 64x64 "
            + "grey images. Small on purpose, so that the example runs in minutes on any laptop.";
    }

    private static final String TRAIN = "3. Train\nShows the model the training images and their masks, again and "
        + "again (12 passes), until it outlines the lungs by itself.";

    private static final String BASELINE = "4. Measure the baseline\nScores the trained, unpruned model on the test "
        + "images it has never seen: dice (overlap with the true outline; 1 is perfect), size and speed. This is the "
        + "row every pruned model is compared with.";

    private static String score(final String how) {
        return "5. Rank the filters\nGives every filter of the model (one small pattern detector) a score for how "
            + "much it matters: " + how;
    }

    private static String prune(final String budget) {
        return "6. Prune\nRemoves the lowest-ranked filters for good until " + budget + " of the model's parameters "
            + "remain: the model becomes smaller and faster, and at first a little worse.";
    }

    private static final String FINE_TUNE = "7. Fine-tune\nTrains the smaller model a little more (10 passes) to "
        + "win back the accuracy pruning cost.";

    private static final String GATHER = "8. Measure and gather\nScores the pruned model like the baseline and "
        + "adds its row to the baseline's: the Metrics output (right-click, Metrics) is one table with a row per "
        + "model, ready for a Bar Chart or Scatter Plot (e.g. dice against params).";

    /** Builds a U-Net, trains it, prunes it with l1 to half its parameters, fine-tunes, evaluates both. */
    static Workflow trainPruneFineTuneEvaluate() {
        return trainPruneFineTuneEvaluate("train-prune-finetune-evaluate-unet", "U-Net", newUnet(2, 0, 0), "l1",
            "here by the size of its weights (l1 norm), which needs no images.", "U-Net ");
    }

    /** Builds a DeepLabV3+, trains it, prunes it with SE attention scores to half its parameters, fine-tunes, evaluates both. */
    static Workflow deepLabV3PlusSePruning() {
        return trainPruneFineTuneEvaluate("train-prune-finetune-evaluate-deeplabv3plus", "DeepLabV3+",
            newDeepLabV3Plus(2, 0, 0), "se", "here by attention (SE): small add-on modules learn, on the training "
                + "images, which filters the model relies on.",
            "DeepLabV3+ ");
    }

    private static Workflow trainPruneFineTuneEvaluate(final String folder, final String architecture,
        final Node model, final String method, final String scoreText, final String namePrefix) {
        Node data = dataReader(1, 0, 2);
        Node trainer = train(3, 12, 1, 0);
        Node scorer = scorer(4, method, 2, 0);
        Node pruner = pruner(5, "0.5", 3, 0);
        Node tuner = train(6, 10, 4, 0);
        Node baseline = evaluator(7, namePrefix + "trained, unpruned (baseline)", 1, 2);
        Node pruned = evaluator(8, namePrefix + "pruned " + method + " keep 0.5, fine-tuned", 5, 0);
        List<Node> nodes = List.of(data, model, trainer, scorer, pruner, tuner, baseline, pruned);
        List<Connection> connections = List.of(
            new Connection(2, 1, 3, 1), new Connection(1, 1, 3, 2),
            new Connection(3, 1, 4, 1), new Connection(1, 1, 4, 2),
            new Connection(4, 2, 5, 1), new Connection(4, 1, 5, 2),
            new Connection(5, 1, 6, 1), new Connection(1, 1, 6, 2),
            new Connection(3, 1, 7, 1), new Connection(1, 1, 7, 2),
            new Connection(6, 1, 8, 1), new Connection(1, 1, 8, 2), new Connection(7, 1, 8, 3));
        List<Annotation> annotations = List.of(
            title("Train, prune, fine-tune and measure a " + architecture + "\nMakes a lung-outlining model "
                + "smaller: trains it, removes the half of it that matters least, trains it a little more, and "
                + "measures it before and after." + HOW_TO_USE, 6),
            step(READ, PREPARE, data), step(create(architecture), PREPARE, model), step(TRAIN, PREPARE, trainer),
            step(BASELINE, MEASURE, baseline), step(score(scoreText), PRUNE, scorer), step(prune("50 %"), PRUNE, pruner),
            step(FINE_TUNE, PRUNE, tuner), step(GATHER, MEASURE, pruned));
        return new Workflow(folder, nodes, connections, annotations);
    }

    /**
     * One trained U-Net pruned by l1 and by l2 scores, each at two global budgets, fine-tuned and evaluated;
     * the evaluators, the baseline's first, hand their rows on to one table.
     */
    static Workflow compareL1L2TwoBudgets() {
        Node data = dataReader(1, 0, 2);
        Node model = newUnet(2, 0, 0);
        Node trainer = train(3, 12, 1, 0);
        Node l1 = scorer(4, "l1", 2, 0);
        Node l2 = scorer(5, "l2", 2, 2);
        Node baseline = evaluator(18, "trained, unpruned (baseline)", 1, 2);
        List<Node> nodes = new ArrayList<>(List.of(data, model, trainer, l1, l2));
        List<Connection> connections = new ArrayList<>(List.of(new Connection(2, 1, 3, 1), new Connection(1, 1, 3, 2),
            new Connection(3, 1, 4, 1), new Connection(3, 1, 5, 1), new Connection(3, 1, 18, 1),
            new Connection(1, 1, 18, 2)));
        String[] methods = {"l1", "l1", "l2", "l2"};
        String[] budgets = {"0.5", "0.25", "0.5", "0.25"};
        Node[] pruners = new Node[4];
        Node[] tuners = new Node[4];
        Node[] evaluators = new Node[4];
        int earlier = baseline.id();
        for (int i = 0; i < 4; i++) {
            int scorer = methods[i].equals("l1") ? 4 : 5;
            pruners[i] = pruner(6 + i, budgets[i], 3, i);
            tuners[i] = train(10 + i, 10, 4, i);
            evaluators[i] = evaluator(14 + i, methods[i] + " keep " + budgets[i], 5, i);
            nodes.addAll(List.of(pruners[i], tuners[i], evaluators[i]));
            connections.addAll(List.of(new Connection(scorer, 2, pruners[i].id(), 1),
                new Connection(scorer, 1, pruners[i].id(), 2), new Connection(pruners[i].id(), 1, tuners[i].id(), 1),
                new Connection(1, 1, tuners[i].id(), 2), new Connection(tuners[i].id(), 1, evaluators[i].id(), 1),
                new Connection(1, 1, evaluators[i].id(), 2), new Connection(earlier, 1, evaluators[i].id(), 3)));
            earlier = evaluators[i].id();
        }
        nodes.add(baseline);
        List<Annotation> annotations = List.of(
            title("Compare two ways of pruning at two sizes\nTrains one lung-outlining U-Net, then makes four smaller "
                + "versions of it: filters ranked by l1 or by l2, pruned to 50 % or to 25 % of the parameters. The "
                + "last evaluator's Metrics table holds all five models, the baseline first." + HOW_TO_USE, 6),
            step(READ, PREPARE, data), step(create("U-Net"), PREPARE, model), step(TRAIN, PREPARE, trainer),
            step(BASELINE, MEASURE, baseline),
            step(score("top, by the sum of the sizes of its weights (l1); bottom, by the root of the sum of their "
                + "squares (l2)."), PRUNE, l1, l2),
            step("6. Prune\nEach ranking makes two smaller models: 50 % and 25 % of the parameters left. Fewer "
                + "parameters: smaller and faster, and at first worse.", PRUNE, pruners),
            step(FINE_TUNE, PRUNE, tuners),
            step("8. Measure and gather\nScores each pruned model like the baseline. Each evaluator adds its row to "
                + "the one before, so the bottom one's Metrics output is one table of all five models, ready for a "
                + "Bar Chart or Scatter Plot.", MEASURE, evaluators));
        return new Workflow("compare-l1-l2-two-budgets", nodes, connections, annotations);
    }

    /**
     * Builds and trains a U-Net, then three independent branches on the trained model: evaluate it on the test rows,
     * segment the test rows' images, and write it as ONNX next to the workflow (segprune run --parallel runs the
     * branches at once).
     */
    static Workflow trainEvaluatePredictWrite() {
        Node data = dataReader(1, 0, 2);
        Node model = newUnet(2, 0, 0);
        Node trainer = train(3, 12, 1, 0);
        Node evaluator = evaluator(4, "trained U-Net (baseline)", 2, 2);
        Node writer = new Node(5, Steps.MODEL_WRITER.about().factory(), settings("file",
            "knime://knime.workflow/trained-unet.onnx", "format", "onnx", "if_exists", "overwrite"), x(2), y(0));
        Node predictor = new Node(6, Steps.PREDICTOR.about().factory(), settings("rows", "test"), x(3), y(2));
        List<Node> nodes = List.of(data, model, trainer, evaluator, writer, predictor);
        List<Connection> connections = List.of(
            new Connection(2, 1, 3, 1), new Connection(1, 1, 3, 2),
            new Connection(3, 1, 4, 1), new Connection(1, 1, 4, 2),
            new Connection(3, 1, 5, 1),
            new Connection(3, 1, 6, 1), new Connection(1, 1, 6, 2));
        List<Annotation> annotations = List.of(
            title("Train a U-Net, measure it, segment new images and save it for deployment\nAfter training, three "
                + "independent branches use the same model: KNIME runs them at the same time." + HOW_TO_USE, 4),
            step(READ, PREPARE, data), step(create("U-Net"), PREPARE, model), step(TRAIN, PREPARE, trainer),
            step("4. Measure\nScores the trained model on the test images it has never seen: dice (overlap with "
                + "the true outline; 1 is perfect), size and speed.", MEASURE, evaluator),
            step("5. Save for deployment\nWrites the model as an ONNX file next to this workflow "
                + "(knime://knime.workflow/trained-unet.onnx), which ONNX Runtime and most deployment tools read.",
                PRUNE, writer),
            step("6. Segment images\nOutlines the lungs in the test images: one predicted mask per image (a PNG "
                + "image cell) and the fraction of the image it covers. Needs no true outlines.", MEASURE, predictor));
        return new Workflow("train-evaluate-predict-write-unet", nodes, connections, annotations);
    }
}
