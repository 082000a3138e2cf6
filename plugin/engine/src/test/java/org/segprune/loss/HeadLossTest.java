package org.segprune.loss;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segprune.model.ModelInfo;
import org.segprune.util.SegPruneException;

/** Which loss a head trains with, for binary and class masks. */
class HeadLossTest {

    private static ModelInfo head(String kind, int channels, String masks) {
        return ModelInfo.imported("onnx", 32, 1, kind, channels, "test").withMaskValues(masks);
    }

    @Test
    void binaryMasksKeepASigmoidHeadsLossAndGiveALogitsHeadBceDice() {
        assertNull(HeadLoss.forHead(head(ModelInfo.OUTPUT_SIGMOID, 1, null)));
        assertInstanceOf(BceDiceLoss.class, HeadLoss.forHead(head(ModelInfo.OUTPUT_LOGITS, 1, null)));
    }

    @Test
    void classMasksTrainASoftmaxWithCrossEntropyAndDice() {
        assertInstanceOf(CeDiceLoss.class, HeadLoss.forHead(head(ModelInfo.OUTPUT_SOFTMAX, 2, "values:0,255")));
        assertInstanceOf(CeDiceLoss.class, HeadLoss.forHead(head(ModelInfo.OUTPUT_LOGITS, 3, "class-index")));
    }

    @Test
    void binaryMasksOnSeveralChannelsSayHowToNameTheClasses() {
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> HeadLoss.forHead(head(ModelInfo.OUTPUT_LOGITS, 2, null)));
        assertTrue(e.getMessage().contains("2 output channels") && e.getMessage().contains("--mask-values values:0,255"),
                e.getMessage());
    }
}
