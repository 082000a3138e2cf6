package org.segprune.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.data.Batches;
import org.segprune.model.BilinearResize;

/**
 * Looks at what a model predicts on a batch of training images, to catch the state a heavily pruned
 * model can start in and never leave: masks with foreground, a prediction with (almost) none. Names
 * what it sees (the head's logits never reach the threshold; layers through which no signal passes)
 * and can move the head's operating point to the masks' foreground share.
 */
public final class ForegroundGuard {

    /** Below this share of the masks' foreground, the prediction counts as all background. */
    static final double ALL_BACKGROUND_SHARE = 0.01;

    private ForegroundGuard() {
    }

    /**
     * @param predictedFraction share of pixels predicted foreground (probability above 0.5)
     * @param maskFraction share of foreground pixels in the masks
     * @param maxLogit the largest head output before the sigmoid
     * @param silentLayers vertices whose whole output is zero on the batch: nothing reaches the head through them
     */
    public record Probe(double predictedFraction, double maskFraction, double maxLogit, List<String> silentLayers) {

        public boolean allBackground() {
            return maskFraction > 0 && predictedFraction < ALL_BACKGROUND_SHARE * maskFraction;
        }

        /** What the probe saw, in words a user can act on. */
        public String describe() {
            String what = String.format(Locale.ROOT, "it predicts %.2f%% of the pixels as foreground where the masks have %.1f%%;"
                    + " its largest output logit is %.2f (the threshold is 0)", 100 * predictedFraction, 100 * maskFraction,
                    maxLogit);
            if (!silentLayers.isEmpty()) {
                what += "; no signal passes " + (silentLayers.size() == 1 ? "layer " : "layers ")
                        + String.join(", ", silentLayers.subList(0, Math.min(3, silentLayers.size())))
                        + (silentLayers.size() > 3 ? " and " + (silentLayers.size() - 3) + " more" : "");
            }
            return what;
        }
    }

    /** What the model predicts in inference mode (batch norms with their running statistics), as evaluation sees it. */
    public static Probe probe(ComputationGraph graph, Batches.Batch batch) {
        return probe(graph, batch, false);
    }

    /**
     * @param training true: batch norms normalise with the batch's own statistics, as during training. After
     *        pruning, running statistics no longer fit the kept channels, so a model can look all background in
     *        inference mode while it is not during training (and training mends the statistics).
     */
    public static Probe probe(ComputationGraph graph, Batches.Batch batch, boolean training) {
        Map<String, INDArray> activations = graph.feedForward(batch.features(), training);
        String head = head(graph.getConfiguration());
        INDArray logits = head != null ? activations.get(head)
                : logit(activations.get(graph.getConfiguration().getNetworkOutputs().get(0)));
        INDArray labels = batch.labels();
        double predicted = logits.gt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        double mask = labels.castTo(DataType.DOUBLE).meanNumber().doubleValue();
        List<String> silent = new ArrayList<>();
        for (String vertex : graph.getConfiguration().getTopologicalOrderStr()) {
            INDArray activation = activations.get(vertex);
            boolean inputOrOutput = graph.getConfiguration().getNetworkInputs().contains(vertex)
                    || graph.getConfiguration().getNetworkOutputs().contains(vertex);
            if (activation != null && activation.rank() == 4 && !inputOrOutput && activation.amaxNumber().doubleValue() == 0) {
                silent.add(vertex);
            }
        }
        return new Probe(predicted, mask, logits.maxNumber().doubleValue(), List.copyOf(silent));
    }

    private static INDArray logit(INDArray probability) {
        INDArray p = probability.castTo(DataType.DOUBLE);
        return org.nd4j.linalg.ops.transforms.Transforms.log(p.div(p.rsub(1)), false);
    }

    /** Whether {@link #recalibrateHead} can act on this model (its logits come from a convolution with a bias). */
    public static boolean hasAdjustableHead(ComputationGraph graph) {
        return head(graph.getConfiguration()) != null;
    }

    /**
     * Shifts the head's bias so that the share of pixels with a positive logit, in training mode
     * ({@code training}) or as evaluation sees it, equals the masks' foreground share on the batch. Logits keep their order, so the model then predicts its most
     * likely foreground pixels as foreground: dice is above zero from the first epoch and the dice term
     * of the loss leaves its flat region. Pixels tied with the cut count as foreground, so a plateau of equal
     * logits may give more than the masks' share, never none. A constant output (every logit equal: no signal
     * reaches the head) is left as it is. Returns the shift.
     */
    public static double recalibrateHead(ComputationGraph graph, Batches.Batch batch, boolean training) {
        String head = head(graph.getConfiguration());
        INDArray logits = graph.feedForward(batch.features(), training).get(head).castTo(DataType.DOUBLE);
        double mask = batch.labels().castTo(DataType.DOUBLE).meanNumber().doubleValue();
        double[] sorted = logits.data().asDouble();
        java.util.Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.round((1 - mask) * sorted.length)));
        double range = sorted[sorted.length - 1] - sorted[0];
        if (!(range > 0)) {
            return 0; // the output does not depend on the image: no shift can make it segment (the caller warns)
        }
        // the logits equal to the cut must end above 0, not at it: a pruned model whose last features are all zero
        // on many pixels gives them exactly the head's bias (a plateau), and a cut at the plateau left them at 0,
        // still all background (seen in the robustness sweep, SACA at 1.1 % on a base-16 U-Net at 128x128)
        double shift = Math.max(1e-6, 1e-4 * range) - sorted[index];
        INDArray bias = graph.getLayer(head).getParam("b");
        graph.getLayer(head).setParam("b", bias.add(shift));
        return shift;
    }

    /**
     * The convolution whose output is the logit map: the network output's input, followed back through
     * layers that keep a constant shift (the bilinear resize, upsampling); null if there is none.
     */
    static String head(ComputationGraphConfiguration conf) {
        String current = conf.getVertexInputs().get(conf.getNetworkOutputs().get(0)).get(0);
        while (conf.getVertices().get(current) instanceof LayerVertex vertex) {
            Layer layer = vertex.getLayerConf().getLayer();
            if (layer instanceof ConvolutionLayer conv) {
                return conv.hasBias() ? current : null;
            }
            if (!(layer instanceof BilinearResize || layer instanceof Upsampling2D)) {
                return null;
            }
            current = conf.getVertexInputs().get(current).get(0);
        }
        return null;
    }
}
