package org.segprune.knime.nodes;

import java.math.BigDecimal;
import java.util.List;

import org.segprune.node.AttentionScorerSettings;
import org.segprune.node.DataReaderSettings;
import org.segprune.node.EvaluatorSettings;
import org.segprune.node.FilterPrunerSettings;
import org.segprune.node.FineTunerSettings;
import org.segprune.node.ModelReaderSettings;
import org.segprune.node.SettingDef;
import org.segprune.node.SettingKind;
import org.segprune.node.SettingsSchema;
import org.segprune.workflow.NodeTypes;

/**
 * The node descriptions (the {@code <Factory>.xml} files KNIME shows in its node description panel),
 * generated from one place: the node-level texts below and, for every option, the engine's setting
 * definitions (documentation, choices, bounds, default and key). {@link NodeDescriptionsTest} checks the
 * committed files against this and rewrites them with {@code -Dsegprune.regenerate=true}.
 */
final class NodeDescriptions {

    /** A port: name and description (HTML). */
    record Port(String name, String text) {
    }

    /** One node's description. */
    record Node(String factory, String type, String icon, SettingsSchema schema, String shortDescription, String intro,
        List<Port> inPorts, List<Port> outPorts, List<String> keywords) {

        String simpleName() {
            return factory.substring(factory.lastIndexOf('.') + 1);
        }

        String packagePath() {
            return factory.substring(0, factory.lastIndexOf('.')).replace('.', '/');
        }
    }

    private static final String IMAGE_TABLE = "A table of image/mask pairs with string columns of file paths, as the "
        + "<i>Segmentation Data Reader</i> writes it (columns <code>image</code>, <code>mask</code> and "
        + "<code>split</code>); the column names are settings.";

    private static final String MODEL_IN = "A segmentation model (DL4J ComputationGraph with SegPrune's metadata).";

    private static final String RUN_NOTE = "<p>The same settings, under the keys given with each option, are read from "
        + "this node's settings.xml by <code>segprune run WORKFLOW_DIR [--set NODE.KEY=VALUE ...]</code>, which runs a "
        + "workflow of SegPrune nodes without KNIME.</p>";

    private NodeDescriptions() {
    }

    static List<Node> all() {
        return List.of(
            new Node(NodeTypes.DATA_READER, "Source", "datareader.png", DataReaderSettings.SCHEMA,
                "Lists image/mask pairs of two folders with a seeded train/test split.",
                "<p>Pairs every image of the images folder with the mask of the same file stem in the masks folder "
                    + "(PNG or JPEG, grey or RGB), checks every pair before anything else runs (both files read, same "
                    + "size, mask holds only 0 and 255) and lists them, one row per pair with the stem as row ID. A "
                    + "seeded shuffle marks a share of the pairs 'test' and the others 'train', so one reader can feed "
                    + "training and evaluation nodes; the same seed gives the same split.</p>"
                    + "<p>A bad file is reported by name: an image without mask, a mask without image, an unreadable "
                    + "file, a size mismatch or a mask that is not binary.</p>",
                List.of(), List.of(new Port("Image table", "One row per image/mask pair (row ID: the file stem): "
                    + "<code>image</code> and <code>mask</code> (absolute paths), <code>width</code>, "
                    + "<code>height</code>, <code>foreground_fraction</code> (share of mask pixels that are "
                    + "foreground) and <code>split</code> ('train' or 'test').")),
                List.of("segmentation", "images", "masks", "train test split")),
            new Node(NodeTypes.MODEL_READER, "Source", "modelreader.png", ModelReaderSettings.SCHEMA,
                "Reads a DL4J segmentation model, or builds a new untrained U-Net.",
                "<p>Puts a segmentation model on a <i>Segmentation Model</i> port: either read from a DL4J "
                    + "ComputationGraph model zip (for example one saved by <code>segprune train</code>), or a new, "
                    + "untrained built-in network (a U-Net) of the chosen input size, channels, depth and base "
                    + "filters. Train a new network with the <i>Fine-Tuner</i>.</p>"
                    + "<p>The model port shows the architecture, input shape, every layer's output channels and "
                    + "parameter count, which layers can be pruned, and the model's provenance: which training, "
                    + "scoring and pruning steps made it.</p>",
                List.of(), List.of(new Port("Segmentation model", "The model read or built.")),
                List.of("U-Net", "DL4J", "deep learning", "model")),
            new Node(NodeTypes.ATTENTION_SCORER, "Learner", "scorer.png", AttentionScorerSettings.SCHEMA,
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
                List.of(new Port("Segmentation model", MODEL_IN + " It needs at least one prunable layer."),
                    new Port("Image table", "Optional; needed by the attention methods. " + IMAGE_TABLE)),
                List.of(new Port("Filter scores", "One row per filter: <code>layer</code>, <code>filter</code> "
                    + "(index within the layer), <code>score</code>, <code>rank</code> (1 = most important in its "
                    + "layer) and <code>method</code>."), new Port("Segmentation model", "The input model, unchanged.")),
                List.of("pruning", "filter importance", "channel attention", "SE", "ECA", "CBAM", "SACA", "SBCA",
                    "l1 norm")),
            new Node(NodeTypes.FILTER_PRUNER, "Manipulator", "pruner.png", FilterPrunerSettings.SCHEMA,
                "Physically removes the lowest-scoring filters of a model.",
                "<p>Removes the lowest-scoring filters from the network itself, so the pruned model is smaller and "
                    + "faster (not just masked): every consumer of a removed channel (batch norms, concatenations, the "
                    + "next convolutions) is cut to match, kept weights are copied exactly. Channels coupled by "
                    + "element-wise additions are pruned together, with their scores averaged; channels reaching the "
                    + "output or coming from the input are never removed.</p>"
                    + "<p>Either every layer loses the same share of its filters (local ratio), or filters are "
                    + "compared across layers and removed until the trainable parameters fit a budget (global). "
                    + "Fine-tune the pruned model with the <i>Fine-Tuner</i>.</p>",
                List.of(new Port("Segmentation model", MODEL_IN + " It needs at least one prunable layer."),
                    new Port("Filter scores", "The scores of every filter of every prunable layer, as the <i>Attention "
                        + "Scorer</i> writes them (columns <code>layer</code>, <code>filter</code>, <code>score</code>; "
                        + "<code>method</code> is recorded in the pruned model's provenance).")),
                List.of(new Port("Pruned model", "The smaller model; its provenance records the scores, the budget and "
                    + "the parameters before and after."), new Port("Pruning plan", "One row per prunable layer: "
                        + "<code>layer</code>, <code>group</code> (layers pruned together share a group), "
                        + "<code>channels_before</code> and <code>channels_after</code>.")),
                List.of("pruning", "compression", "filter pruning", "model size")),
            new Node(NodeTypes.FINE_TUNER, "Learner", "finetuner.png", FineTunerSettings.SCHEMA,
                "Trains a segmentation model: a new one, or a pruned one to recover its accuracy.",
                "<p>Trains a copy of the model on the training images (binary cross-entropy plus soft dice loss, "
                    + "Adam with a learning-rate schedule, optional flips) and reports its learning curve. After every "
                    + "epoch the mean dice on the validation images decides which weights are kept, and training stops "
                    + "early when it has not improved for the patience. Validation images come from the validation "
                    + "table if one is connected (all its rows), else from a seeded share of the training rows.</p>"
                    + "<p>Use it to train a new network from the <i>Model Reader</i> and to fine-tune a pruned one "
                    + "from the <i>Filter Pruner</i>. Images are resized to the model's input size.</p>",
                List.of(new Port("Segmentation model", MODEL_IN), new Port("Training table", IMAGE_TABLE),
                    new Port("Validation table", "Optional: images to choose the best epoch with; all rows are used, "
                        + "with the same image and mask columns as the training table.")),
                List.of(new Port("Trained model", "The model with the best epoch's weights; its provenance records the "
                    + "training."), new Port("Learning curve", "One row per epoch: <code>epoch</code>, <code>loss</code>, "
                        + "<code>validation_dice</code> (missing without validation images), <code>learning_rate</code> "
                        + "and <code>seconds</code>.")),
                List.of("training", "fine-tuning", "deep learning", "learning curve")),
            new Node(NodeTypes.EVALUATOR, "Predictor", "evaluator.png", EvaluatorSettings.SCHEMA,
                "Measures a segmentation model: dice and friends, size, GFLOPs and CPU latency.",
                "<p>Predicts every selected image (threshold 0.5 on the sigmoid output) and computes dice, IoU, "
                    + "precision, recall, specificity and accuracy: mean and sample standard deviation over images, and "
                    + "pooled over all pixels. It also reports the model's trainable parameters (with and without "
                    + "batch-norm statistics), size in MB, saved file size, MACs and GFLOPs at its input size, and its "
                    + "batch-1 CPU latency (median of timed runs after warm-up, with the thread count).</p>"
                    + "<p>The per-image table shows each image's metrics and, optionally, an overlay: the image, the "
                    + "true mask and the prediction side by side.</p>",
                List.of(new Port("Segmentation model", MODEL_IN), new Port("Image table", IMAGE_TABLE)),
                List.of(new Port("Metrics", "One row with the evaluation report's fields: model, architecture, images, "
                    + "input_shape, threshold, aggregation, dice/iou/precision/recall/specificity/accuracy each as "
                    + "_mean, _sd and _pooled, params, params_with_bn_stats, size_mb, file_size_mb, macs, gflops, "
                    + "latency_ms, latency_runs, threads and provenance."), new Port("Per-image metrics", "One row per "
                        + "image (row ID: the stem): dice, iou, precision, recall, specificity, accuracy, the pixel "
                        + "counts tp, fp, fn, tn, the foreground fraction and, if chosen, the overlay image (PNG).")),
                List.of("evaluation", "dice", "IoU", "latency", "GFLOPs", "segmentation metrics")));
    }

    /** The description XML of one node. */
    static String xml(final Node node) {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<knimeNode icon=\"./").append(node.icon()).append("\" type=\"").append(node.type())
            .append("\" deprecated=\"false\" xmlns=\"http://knime.org/node/v5.3\"\n")
            .append("    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
            .append("    xsi:schemaLocation=\"http://knime.org/node/v5.3 http://knime.org/node/v5.3.xsd\">\n");
        x.append("    <name>").append(node.schema().nodeName()).append("</name>\n");
        x.append("    <shortDescription>").append(node.shortDescription()).append("</shortDescription>\n");
        x.append("    <fullDescription>\n");
        x.append("        <intro>").append(node.intro()).append(RUN_NOTE).append("</intro>\n");
        for (SettingDef def : node.schema().defs()) {
            x.append("        <option name=\"").append(escape(def.label())).append("\">").append(option(def, node))
                .append("</option>\n");
        }
        x.append("    </fullDescription>\n");
        x.append("    <ports>\n");
        for (int i = 0; i < node.inPorts().size(); i++) {
            Port p = node.inPorts().get(i);
            x.append("        <inPort index=\"").append(i).append("\" name=\"").append(p.name()).append("\">")
                .append(p.text()).append("</inPort>\n");
        }
        for (int i = 0; i < node.outPorts().size(); i++) {
            Port p = node.outPorts().get(i);
            x.append("        <outPort index=\"").append(i).append("\" name=\"").append(p.name()).append("\">")
                .append(p.text()).append("</outPort>\n");
        }
        x.append("    </ports>\n");
        x.append("    <keywords>\n");
        for (String keyword : node.keywords()) {
            x.append("        <keyword>").append(escape(keyword)).append("</keyword>\n");
        }
        x.append("    </keywords>\n");
        x.append("</knimeNode>\n");
        return x.toString();
    }

    private static String option(final SettingDef def, final Node node) {
        StringBuilder text = new StringBuilder(escape(def.doc()));
        if (def.kind() == SettingKind.CHOICE) {
            text.append("<ul>");
            for (int i = 0; i < def.choices().size(); i++) {
                text.append("<li><b>").append(escape(def.choices().get(i))).append("</b>: ")
                    .append(escape(def.choiceDocs().get(i))).append("</li>");
            }
            text.append("</ul>");
        }
        if (def.enabledKey() != null) {
            text.append(" Used when ").append(escape(node.schema().def(def.enabledKey()).label())).append(" is ")
                .append(escape(String.join(" or ", def.enabledValues()))).append('.');
        }
        if (def.kind() == SettingKind.INT || def.kind() == SettingKind.DOUBLE) {
            text.append(" From ").append(number(def.min(), def.kind())).append(" to ").append(number(def.max(), def.kind()))
                .append('.');
        }
        String defaultValue = def.defaultValue().isEmpty() ? "empty" : def.defaultValue();
        text.append(" Default: ").append(escape(defaultValue)).append(". Key: <code>").append(def.key())
            .append("</code>.");
        return text.toString();
    }

    private static String number(final double value, final SettingKind kind) {
        return kind == SettingKind.INT ? Long.toString((long)value)
            : new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
