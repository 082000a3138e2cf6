package org.segprune.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.util.SegPruneException;

/**
 * A multi-class model's output read per class ({@link ModelInfo#multiClass()}): the probability of every foreground
 * class, whether each pixel is predicted as that class, and the label (class index) of every pixel. A softmax head (or
 * K > 1 logits, through a softmax) gives one class per pixel, its arg-max; K sigmoid channels (or one logit, through a
 * sigmoid) are multi-label: class k + 1 is predicted where channel k exceeds 0.5, and the label map shows the most
 * probable predicted class (0 where none is). Binary models keep {@link OutputHead#foreground}.
 *
 * @param classes     classes, background (0) included
 * @param labels      the class index of every pixel, image after image ([n * h * w], row-major)
 * @param probability per class c (index 0 unused, null) the probability of c at every pixel
 * @param predicted   per class c (index 0 unused, null) 1 where c is predicted, else 0
 */
public record ClassMaps(int classes, int[] labels, float[][] probability, float[][] predicted) {

    /** The probability threshold of a multi-label (sigmoid) class. */
    public static final double THRESHOLD = 0.5;

    /** @param output the network output, [n, k, h, w] */
    public static ClassMaps of(INDArray output, ModelInfo info) {
        long[] shape = output.shape();
        if (shape.length != 4 || shape[1] != info.outputChannels()) {
            throw new SegPruneException("the model's output has shape " + Arrays.toString(shape) + "; [n, "
                    + info.outputChannels() + ", height, width] is needed for its " + info.outputKind() + " head");
        }
        int n = (int) shape[0];
        int k = (int) shape[1];
        int plane = (int) (shape[2] * shape[3]);
        int classes = info.classCount();
        boolean multiLabel = info.multiLabel();
        boolean logits = info.outputKind().equals(ModelInfo.OUTPUT_LOGITS);
        float[] values = output.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] probability = new float[classes][];
        float[][] predicted = new float[classes][];
        for (int c = 1; c < classes; c++) {
            probability[c] = new float[n * plane];
            predicted[c] = new float[n * plane];
        }
        double[] pixel = new double[k];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < k; c++) {
                    pixel[c] = values[(i * k + c) * plane + p];
                }
                if (logits) {
                    activate(pixel, multiLabel);
                }
                for (int c = 0; c < k; c++) {
                    int cls = multiLabel ? c + 1 : c;
                    if (cls > 0) {
                        probability[cls][i * plane + p] = (float) pixel[c];
                    }
                }
            }
        }
        int[] labels = labels(probability, multiLabel);
        for (int at = 0; at < labels.length; at++) {
            for (int c = 1; c < classes; c++) {
                boolean on = multiLabel ? probability[c][at] > THRESHOLD : labels[at] == c;
                predicted[c][at] = on ? 1 : 0;
            }
        }
        return new ClassMaps(classes, labels, probability, predicted);
    }

    /**
     * The label of every pixel from the foreground classes' probabilities ({@code probability[c]}, c >= 1): under a
     * softmax the most probable class, background (1 minus their sum) included; multi-label, the most probable class
     * above the threshold, else background. Used on the network's output and on probabilities resized to an image.
     */
    public static int[] labels(float[][] probability, boolean multiLabel) {
        int length = probability[1].length;
        int[] labels = new int[length];
        for (int at = 0; at < length; at++) {
            double rest = 1;
            int label = 0;
            double best = multiLabel ? THRESHOLD : 0;
            for (int c = 1; c < probability.length; c++) {
                double p = probability[c][at];
                rest -= p;
                if (p > best) {
                    best = p;
                    label = c;
                }
            }
            labels[at] = !multiLabel && rest > best ? 0 : label;
        }
        return labels;
    }

    /** Sigmoid of every logit (multi-label) or a softmax over them. */
    private static void activate(double[] pixel, boolean multiLabel) {
        if (multiLabel) {
            for (int c = 0; c < pixel.length; c++) {
                pixel[c] = 1 / (1 + Math.exp(-pixel[c]));
            }
            return;
        }
        double max = Arrays.stream(pixel).max().orElse(0);
        double sum = 0;
        for (int c = 0; c < pixel.length; c++) {
            pixel[c] = Math.exp(pixel[c] - max);
            sum += pixel[c];
        }
        for (int c = 0; c < pixel.length; c++) {
            pixel[c] /= sum;
        }
    }
}
