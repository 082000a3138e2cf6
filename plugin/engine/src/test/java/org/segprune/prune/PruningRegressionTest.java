package org.segprune.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.MagnitudeScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.score.ScoringSettings;
import org.segprune.score.attention.AttentionGraph;
import org.segprune.score.attention.AttentionMethod;
import org.segprune.testutil.TinyModels;
import org.segprune.util.Json;
import org.segprune.util.Progress;

/**
 * Behaviour pinned across refactorings of the layer knowledge: for models built with fixed seeds, the
 * l1 scores, the plans and pruned weights (local ratio and global budget), the parameter and MAC
 * totals, the batch-norm-folded frozen copy and where attention modules attach must stay bit for bit
 * what the code gave when these digests were recorded (commit "Pin pruning behaviour", before the
 * channel rule registry replaced the layer surgeons). Re-recorded once on purpose, when folding a
 * batch norm began to add eps to DL4J's log-std variance, as DL4J does when it normalises (the frozen
 * copy had been off by that eps; everything else was unchanged).
 */
class PruningRegressionTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("unet", "35e36f281fa23366e31afc9009d3325534726b0abe4f4ce4f4961a94014e3a0d"),
                Arguments.of("deeplabv3plus", "4fc482e3d01d1fef524e992020170971b6b073d9df45f816efa47186036cc5be"),
                Arguments.of("residual", "b2fc59f2a784b7300f7aeda5d7a802903e1c805a1a10838c235c1b923f2772cc"));
    }

    private static SegmentationModel build(String name) {
        return switch (name) {
            case "unet" -> Architectures.build(new ModelSpec("unet", 32, 1, 3, 6, 101));
            case "deeplabv3plus" -> Architectures.build(new ModelSpec("deeplabv3plus", 32, 3, 4, 4, 102));
            default -> TinyModels.residual(16, 103);
        };
    }

    @ParameterizedTest
    @MethodSource("models")
    void samePlansWeightsTotalsAndAttentionPointsAsRecorded(String name, String expectedDigest) throws Exception {
        SegmentationModel model = build(name);
        TinyModels.randomiseBatchNorms(model.graph(), 7);
        ChannelGraph graph = ChannelGraph.of(model);
        ScoreTable scores = MagnitudeScorer.L1.score(new ScoringRequest(model, graph, null, ScoringSettings.DEFAULTS,
                Progress.NONE));
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Map<String, double[]> sortedScores = new TreeMap<>();
        graph.prunableLayers().forEach(layer -> sortedScores.put(layer, scores.scores(layer)));
        update(digest, Json.MAPPER.writeValueAsString(sortedScores));
        update(digest, graph.totals(graph.currentChannels()).toString());
        for (PruneSettings settings : new PruneSettings[] {PruneSettings.ratio(0.5, 1), PruneSettings.keepParams(0.3, 2)}) {
            Pruner.Result result = Pruner.prune(model, scores, settings);
            update(digest, Json.MAPPER.writeValueAsString(result.plan()));
            update(digest, floats(result.model().graph().params()));
            ChannelGraph after = ChannelGraph.of(result.model());
            update(digest, after.totals(after.currentChannels()).toString());
        }
        update(digest, floats(AttentionGraph.build(model, graph, null, ScoringSettings.DEFAULTS).graph().params()));
        update(digest, new TreeMap<>(AttentionGraph.build(model, graph, AttentionMethod.SE, ScoringSettings.DEFAULTS)
                .gateOfGroup()).toString());
        assertEquals(expectedDigest, HexFormat.of().formatHex(digest.digest()), name);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        digest.update(bytes);
    }

    private static byte[] floats(INDArray params) {
        float[] values = params.dup('c').castTo(DataType.FLOAT).data().asFloat();
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }
}
