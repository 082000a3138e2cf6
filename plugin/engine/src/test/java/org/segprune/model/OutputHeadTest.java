package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The foreground probability read from each kind of head, against a hand computation on one 1x2 image. */
class OutputHeadTest {

    private static ModelInfo head(String kind, int channels, int foreground) {
        return new ModelInfo("t", 2, 1, List.of(), null, null, kind, channels, foreground);
    }

    @Test
    void aSigmoidHeadIsReadAsItIs() {
        float[] p = OutputHead.foreground(Nd4j.create(new float[] {0.2f, 0.9f}, new long[] {1, 1, 1, 2}, 'c'),
                head(ModelInfo.OUTPUT_SIGMOID, 1, 0));
        assertArrayEquals(new float[] {0.2f, 0.9f}, p, 0f);
    }

    @Test
    void aSoftmaxHeadGivesTheForegroundChannel() {
        // channel 0 = (0.7, 0.4), channel 1 = (0.3, 0.6)
        float[] p = OutputHead.foreground(Nd4j.create(new float[] {0.7f, 0.4f, 0.3f, 0.6f}, new long[] {1, 2, 1, 2}, 'c'),
                head(ModelInfo.OUTPUT_SOFTMAX, 2, 1));
        assertArrayEquals(new float[] {0.3f, 0.6f}, p, 0f);
    }

    @Test
    void logitsBecomeASigmoidOrASoftmaxOverTheChannels() {
        float[] one = OutputHead.foreground(Nd4j.create(new float[] {0f, 2f}, new long[] {1, 1, 1, 2}, 'c'),
                head(ModelInfo.OUTPUT_LOGITS, 1, 0));
        assertArrayEquals(new float[] {0.5f, (float) (1 / (1 + Math.exp(-2)))}, one, 1e-6f);
        // pixel 0: logits (1, 1) -> 0.5; pixel 1: logits (0, ln 3) -> 3 / 4
        float[] two = OutputHead.foreground(Nd4j.create(new float[] {1f, 0f, 1f, (float) Math.log(3)},
                new long[] {1, 2, 1, 2}, 'c'), head(ModelInfo.OUTPUT_LOGITS, 2, 1));
        assertArrayEquals(new float[] {0.5f, 0.75f}, two, 1e-6f);
    }
}
