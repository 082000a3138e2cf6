package org.segprune.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

/** METHOD.md "Magnitude scores": l1 = sum |W_c|, l2 = sqrt(sum W_c^2), W_c = all weights of filter c. */
class MagnitudeScorerTest {

    private static final double EPS = 1e-6;

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    /** [out=2, in=2, 1, 1]: W[o][i] = {{1, -2}, {3, 4}}. */
    private static INDArray twoByTwo() {
        return Nd4j.create(new float[] {1, -2, 3, 4}, new long[] {2, 2, 1, 1}, 'c');
    }

    /**
     * [2, 2, 3, 3]: [0][0] = 1..9, [0][1] = 0, [1][0] = -1 everywhere, [1][1] = a single 2 (centre).
     */
    private static INDArray threeByThree() {
        float[] data = new float[2 * 2 * 9];
        for (int k = 0; k < 9; k++) {
            data[k] = k + 1; // [0][0]
            data[18 + k] = -1; // [1][0]
        }
        data[27 + 4] = 2; // [1][1] centre
        return Nd4j.create(data, new long[] {2, 2, 3, 3}, 'c');
    }

    @Test
    @DisplayName("convolution [out,in,kh,kw], 1x1 kernel: norms over dimension 0 (one per output filter)")
    void convolutionOneByOne() {
        // filter 0 = {1, -2}, filter 1 = {3, 4}
        assertArrayEquals(new double[] {3, 7}, MagnitudeScorer.L1.filterNorms(twoByTwo(), 0), EPS);
        assertArrayEquals(new double[] {Math.sqrt(5), 5}, MagnitudeScorer.L2.filterNorms(twoByTwo(), 0), EPS);
    }

    @Test
    @DisplayName("transposed convolution [in,out,kh,kw], 1x1 kernel: norms over dimension 1")
    void transposedOneByOne() {
        // filter 0 = W[*][0] = {1, 3}, filter 1 = W[*][1] = {-2, 4}
        assertArrayEquals(new double[] {4, 6}, MagnitudeScorer.L1.filterNorms(twoByTwo(), 1), EPS);
        assertArrayEquals(new double[] {Math.sqrt(10), Math.sqrt(20)}, MagnitudeScorer.L2.filterNorms(twoByTwo(), 1), EPS);
    }

    @Test
    @DisplayName("convolution 3x3: every kernel weight of every input channel counts")
    void convolutionThreeByThree() {
        // filter 0: 1..9 and zeros -> l1 45, l2^2 = 1+4+...+81 = 285
        // filter 1: nine -1 and one 2 -> l1 9 + 2 = 11, l2^2 = 9 + 4 = 13
        assertArrayEquals(new double[] {45, 11}, MagnitudeScorer.L1.filterNorms(threeByThree(), 0), EPS);
        assertArrayEquals(new double[] {Math.sqrt(285), Math.sqrt(13)}, MagnitudeScorer.L2.filterNorms(threeByThree(), 0),
                EPS);
    }

    @Test
    @DisplayName("transposed convolution 3x3: filter c gathers W[i][c] over all inputs i")
    void transposedThreeByThree() {
        // filter 0: W[0][0] (1..9) and W[1][0] (nine -1) -> l1 45 + 9 = 54, l2^2 = 285 + 9 = 294
        // filter 1: W[0][1] (zeros) and W[1][1] (one 2) -> l1 2, l2 2
        assertArrayEquals(new double[] {54, 2}, MagnitudeScorer.L1.filterNorms(threeByThree(), 1), EPS);
        assertArrayEquals(new double[] {Math.sqrt(294), 2}, MagnitudeScorer.L2.filterNorms(threeByThree(), 1), EPS);
    }

    @Test
    @DisplayName("a non-c-ordered weight array gives the same norms")
    void fortranOrderedWeights() {
        INDArray f = twoByTwo().dup('f');
        assertArrayEquals(new double[] {3, 7}, MagnitudeScorer.L1.filterNorms(f, 0), EPS);
        assertArrayEquals(new double[] {4, 6}, MagnitudeScorer.L1.filterNorms(f, 1), EPS);
    }

    private static SegmentationModel tinyUNet() {
        return Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 11));
    }

    private static ScoreTable score(FilterScorer scorer, SegmentationModel model) {
        return scorer.score(new ScoringRequest(model, ChannelGraph.of(model), null, ScoringSettings.DEFAULTS, Progress.NONE));
    }

    @Test
    @DisplayName("scoring a U-Net: conv 'enc0_conv1' uses dimension 0, transposed conv 'up0' dimension 1 of the set weights")
    void scoresWeightsSetOnATinyGraph() {
        SegmentationModel model = tinyUNet();
        // enc0_conv1: 1 -> 4 filters, W [4, 1, 3, 3]
        float[] conv = new float[4 * 9];
        for (int k = 0; k < 9; k++) {
            conv[k] = k + 1; // filter 0: 1..9 -> l1 45, l2 sqrt(285)
            conv[9 + k] = -1; // filter 1: -1 x 9 -> l1 9, l2 3
            // filter 2: zeros -> 0, 0
        }
        conv[27] = 2; // filter 3: {2, -2, 0...} -> l1 4, l2 sqrt(8)
        conv[35] = -2;
        model.graph().getLayer("enc0_conv1").setParam("W", Nd4j.create(conv, new long[] {4, 1, 3, 3}, 'c'));

        // up0: transposed conv from the 8-channel decoder level to 4 filters, W [in=8, out=4, 2, 2]
        INDArray upW = model.graph().getLayer("up0").getParam("W");
        assertArrayEquals(new long[] {8, 4, 2, 2}, upW.shape(), "DL4J transposed-conv weight layout [in, out, kh, kw]");
        float[] up = new float[8 * 4 * 4];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    up[(i * 4 + j) * 4 + k] = (i % 2 == 0 ? 1 : -1) * (j + 1);
                }
            }
        }
        model.graph().getLayer("up0").setParam("W", Nd4j.create(up, new long[] {8, 4, 2, 2}, 'c'));

        ScoreTable l1 = score(MagnitudeScorer.L1, model);
        ScoreTable l2 = score(MagnitudeScorer.L2, model);
        assertEquals("l1", l1.method());
        assertEquals("l2", l2.method());

        assertArrayEquals(new double[] {45, 9, 0, 4}, l1.scores("enc0_conv1"), EPS);
        assertArrayEquals(new double[] {Math.sqrt(285), 3, 0, Math.sqrt(8)}, l2.scores("enc0_conv1"), EPS);
        // output filter j: 8 inputs x 4 kernel weights of magnitude j+1 -> l1 32 (j+1), l2 sqrt(32) (j+1)
        assertArrayEquals(new double[] {32, 64, 96, 128}, l1.scores("up0"), EPS);
        double s = Math.sqrt(32);
        assertArrayEquals(new double[] {s, 2 * s, 3 * s, 4 * s}, l2.scores("up0"), EPS);
    }

    @Test
    @DisplayName("every prunable layer is scored, with one score per filter")
    void coversEveryPrunableLayer() {
        SegmentationModel model = tinyUNet();
        ScoreTable table = score(MagnitudeScorer.L1, model);
        List<String> expected = List.of("enc0_conv1", "enc0_conv2", "enc1_conv1", "enc1_conv2", "bottleneck_conv1",
                "bottleneck_conv2", "up1", "dec1_conv1", "dec1_conv2", "up0", "dec0_conv1", "dec0_conv2");
        assertEquals(expected, table.layers());
        Map<String, Integer> filters = Map.ofEntries(Map.entry("enc0_conv1", 4), Map.entry("enc0_conv2", 4),
                Map.entry("enc1_conv1", 8), Map.entry("enc1_conv2", 8), Map.entry("bottleneck_conv1", 16),
                Map.entry("bottleneck_conv2", 16), Map.entry("up1", 8), Map.entry("dec1_conv1", 8), Map.entry("dec1_conv2", 8),
                Map.entry("up0", 4), Map.entry("dec0_conv1", 4), Map.entry("dec0_conv2", 4));
        filters.forEach((layer, n) -> assertEquals(n, table.scores(layer).length, layer));
        // He-initialised weights are not all zero: every l1 score is positive
        for (String layer : expected) {
            for (double v : table.scores(layer)) {
                assertTrue(v > 0, layer);
            }
        }
    }

    @Test
    @DisplayName("scoring does not change any parameter of the model (bit for bit)")
    void scoringDoesNotModifyTheModel() {
        SegmentationModel model = tinyUNet();
        float[] before = model.graph().params().dup().castTo(DataType.FLOAT).data().asFloat();
        score(MagnitudeScorer.L1, model);
        score(MagnitudeScorer.L2, model);
        float[] after = model.graph().params().dup().castTo(DataType.FLOAT).data().asFloat();
        assertTrue(Arrays.equals(before, after), "parameters changed by scoring");
    }
}
