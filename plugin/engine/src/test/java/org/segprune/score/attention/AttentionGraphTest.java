package org.segprune.score.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.ScoringSettings;
import org.segprune.testutil.TinyModels;

/** The frozen scoring copy of a model with a depthwise convolution, whose batch norm folds on W's channel axis 2. */
class AttentionGraphTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    @Test
    void batchNormAfterADepthwiseConvolutionFoldsExactly() {
        SegmentationModel model = TinyModels.depthwise(16, 11);
        TinyModels.randomiseBatchNorms(model.graph(), 12);
        ChannelGraph channels = ChannelGraph.of(model);
        AttentionGraph frozen = AttentionGraph.build(model, channels, null, ScoringSettings.DEFAULTS);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
        double difference = frozen.graph().outputSingle(false, input).sub(model.graph().outputSingle(false, input))
                .amaxNumber().doubleValue();
        assertTrue(difference < 1e-4, "folded copy differs by " + difference);
        assertTrue(frozen.graph().getConfiguration().getVertices().get("dw_bn") == null, "the batch norm is folded away");
    }

    @Test
    void attentionModulesSitBehindEachGroupsActivation() {
        SegmentationModel model = TinyModels.depthwise(16, 13);
        ChannelGraph channels = ChannelGraph.of(model);
        AttentionGraph attention = AttentionGraph.build(model, channels, AttentionMethod.SE, ScoringSettings.DEFAULTS);
        // the depthwise conv is channel-wise but not in place: the stem's module sits before it, on stem_relu
        assertEquals(AttentionGraph.GATE_PREFIX + "stem_relu", attention.gateOfGroup().get(channels.groupOf("stem").id()));
        assertEquals(AttentionGraph.GATE_PREFIX + "fuse_relu", attention.gateOfGroup().get(channels.groupOf("fuse").id()));
    }
}
