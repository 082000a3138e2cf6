package org.segprune.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.util.SegPruneException;

/**
 * Reads the foreground probability out of a network's output according to its head ({@link ModelInfo}): a sigmoid
 * or softmax head gives it in the foreground channel; a logits head gives scores, turned into a probability by a
 * sigmoid (one channel) or a softmax over the channels (several).
 */
public final class OutputHead {

    private OutputHead() {
    }

    /**
     * @param output the network output, [n, k, h, w]
     * @return the foreground probability of every pixel, image after image ([n * h * w], row-major)
     */
    public static float[] foreground(INDArray output, ModelInfo info) {
        long[] shape = output.shape();
        if (shape.length != 4) {
            throw new SegPruneException("the model's output has shape " + java.util.Arrays.toString(shape)
                    + "; an image-to-image output [n, channels, height, width] is needed");
        }
        int n = (int) shape[0];
        int k = (int) shape[1];
        int plane = (int) (shape[2] * shape[3]);
        int channel = info.outputChannel();
        if (channel >= k) {
            throw new SegPruneException("the foreground channel " + channel + " is outside the model's " + k
                    + " output channel(s)");
        }
        float[] values = output.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] probability = new float[n * plane];
        boolean logits = info.outputKind().equals(ModelInfo.OUTPUT_LOGITS);
        for (int i = 0; i < n; i++) {
            int image = i * k * plane;
            for (int p = 0; p < plane; p++) {
                float value = values[image + channel * plane + p];
                if (!logits) {
                    probability[i * plane + p] = value;
                } else if (k == 1) {
                    probability[i * plane + p] = (float) (1 / (1 + Math.exp(-value)));
                } else {
                    probability[i * plane + p] = softmax(values, image + p, plane, k, channel);
                }
            }
        }
        return probability;
    }

    /** Softmax over the k channels of one pixel (values at offset, offset + plane, ...), channel {@code target}. */
    private static float softmax(float[] values, int offset, int plane, int k, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, values[offset + c * plane]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(values[offset + c * plane] - max);
        }
        return (float) (Math.exp(values[offset + target * plane] - max) / sum);
    }
}
