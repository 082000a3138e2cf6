package org.segprune.score.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.runtime.Dl4jRuntime;

/**
 * Each attention module's gate against a plain-Java computation of METHOD.md's formula on a tiny
 * tensor (N=2, C=4, 4x4), with non-trivial parameters. Parameters are assigned into the layer's
 * arrays: SameDiff layers keep the arrays they were built with, so setParam would not reach them.
 */
class GateLayerTest {

    private static final int N = 2;
    private static final int C = 4;
    private static final int H = 4;
    private static final int W = 4;
    private static final int HIDDEN = 4; // max(C / 16, 4)

    private static double[][][][] x;
    private static double[][] w1;
    private static double[] b1;
    private static double[][] w2;
    private static double[] b2;

    @BeforeAll
    static void tensors() {
        Dl4jRuntime.init();
        Random random = new Random(3);
        x = new double[N][C][H][W];
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        x[n][c][h][w] = Math.round(random.nextGaussian() * 100) / 100.0;
                    }
                }
            }
        }
        w1 = matrix(random, C, HIDDEN);
        b1 = vector(random, HIDDEN);
        w2 = matrix(random, HIDDEN, C);
        b2 = vector(random, C);
    }

    @Test
    void ecaKernelSizesFollowTheTable() {
        assertEquals(3, AttentionMethod.ecaKernel(16));
        assertEquals(3, AttentionMethod.ecaKernel(32));
        assertEquals(3, AttentionMethod.ecaKernel(64));
        assertEquals(5, AttentionMethod.ecaKernel(128));
        assertEquals(5, AttentionMethod.ecaKernel(256));
        assertEquals(5, AttentionMethod.ecaKernel(512));
        assertEquals(5, AttentionMethod.ecaKernel(1024));
        assertEquals(7, AttentionMethod.ecaKernel(2048));
        assertEquals(1, AttentionMethod.ecaKernel(4));
    }

    @Test
    void hiddenWidthIsCOverRAtLeastFour() {
        assertEquals(4, AttentionMethod.hidden(16, 16));
        assertEquals(8, AttentionMethod.hidden(128, 16));
        assertEquals(4, AttentionMethod.hidden(8, 16));
    }

    @Test
    void seGateIsSigmoidOfMlpOfGlobalAverage() {
        ComputationGraph graph = gateGraph(AttentionMethod.SE, new int[] {1, 2, 4});
        setMlp(graph);
        double[][] expected = new double[N][];
        for (int n = 0; n < N; n++) {
            expected[n] = sigmoid(mlp(gap(x[n])));
        }
        assertGate(expected, graph);
    }

    @Test
    void ecaGateIsSigmoidOfAZeroPaddedConvolutionAcrossChannels() {
        // C = 4 gives k = 1 by the table; a wider module (C = 4 but forced k) is checked through the band matrix below
        ComputationGraph graph = gateGraph(AttentionMethod.ECA, new int[] {1});
        int k = AttentionMethod.ecaKernel(C);
        double[] kernel = new double[k];
        for (int j = 0; j < k; j++) {
            kernel[j] = 0.7 - 0.3 * j;
        }
        graph.getLayer("gate").getParam("w").assign(Nd4j.create(kernel, new long[] {1, k}).castTo(DataType.FLOAT));
        double[][] expected = new double[N][C];
        for (int n = 0; n < N; n++) {
            double[] g = gap(x[n]);
            for (int c = 0; c < C; c++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    int source = c + j - (k - 1) / 2;
                    if (source >= 0 && source < C) {
                        sum += kernel[j] * g[source];
                    }
                }
                expected[n][c] = sigmoid(sum);
            }
        }
        assertGate(expected, graph);
    }

    @Test
    void ecaWithThreeTapsMixesNeighbouringChannels() {
        int channels = 16; // k = 3
        ComputationGraph graph = graph(new GateLayer(AttentionMethod.ECA, channels, 2, 2, 16, new int[] {1}, 32, 1), channels, 2, 2);
        graph.getLayer("gate").getParam("w").assign(Nd4j.create(new double[] {0.5, -1.0, 2.0}, new long[] {1, 3}).castTo(DataType.FLOAT));
        double[] input = new double[channels * 4];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i % 7) * 0.1 - 0.2;
        }
        INDArray out = graph.outputSingle(false, Nd4j.create(input, new long[] {1, channels, 2, 2}).castTo(DataType.FLOAT));
        double[] g = new double[channels];
        for (int c = 0; c < channels; c++) {
            g[c] = (input[c * 4] + input[c * 4 + 1] + input[c * 4 + 2] + input[c * 4 + 3]) / 4;
        }
        for (int c = 0; c < channels; c++) {
            double left = c > 0 ? g[c - 1] : 0;
            double right = c < channels - 1 ? g[c + 1] : 0;
            assertEquals(sigmoid(0.5 * left - 1.0 * g[c] + 2.0 * right), out.getDouble(0, c), 1e-5, "channel " + c);
        }
    }

    @Test
    void cbamGateSharesOneMlpOverAverageAndMaxPooling() {
        ComputationGraph graph = gateGraph(AttentionMethod.CBAM, new int[] {1});
        setMlp(graph);
        double[][] expected = new double[N][C];
        for (int n = 0; n < N; n++) {
            double[] avg = mlp(gap(x[n]));
            double[] max = mlp(gmp(x[n]));
            for (int c = 0; c < C; c++) {
                expected[n][c] = sigmoid(avg[c] + max[c]);
            }
        }
        assertGate(expected, graph);
    }

    @Test
    void sacaWeighsTheOneTwoAndFourCellLayouts() {
        int[] grids = {1, 2, 4};
        ComputationGraph graph = gateGraph(AttentionMethod.SACA, grids);
        setMlp(graph);
        double[] v = new double[21];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.02 * (i + 1) - 0.1;
        }
        graph.getLayer("gate").getParam("v").assign(Nd4j.create(v, new long[] {1, 21}).castTo(DataType.FLOAT));
        double[][] expected = new double[N][];
        for (int n = 0; n < N; n++) {
            double[] d = new double[C];
            for (int c = 0; c < C; c++) {
                int index = 0;
                for (int g : grids) {
                    int cell = H / g;
                    // cells are learned column-major: (gw, gh) with gh fastest
                    for (int gw = 0; gw < g; gw++) {
                        for (int gh = 0; gh < g; gh++) {
                            double sum = 0;
                            for (int h = gh * cell; h < (gh + 1) * cell; h++) {
                                for (int w = gw * cell; w < (gw + 1) * cell; w++) {
                                    sum += x[n][c][h][w];
                                }
                            }
                            d[c] += v[index++] * sum / (cell * cell);
                        }
                    }
                }
            }
            expected[n] = sigmoid(mlp(d));
        }
        assertGate(expected, graph);
    }

    @Test
    void sacaStartsEqualToSe() {
        ComputationGraph saca = gateGraph(AttentionMethod.SACA, new int[] {1, 2, 4});
        ComputationGraph se = gateGraph(AttentionMethod.SE, new int[] {1, 2, 4});
        setMlp(saca);
        setMlp(se);
        INDArray input = input();
        assertArrayEquals(se.outputSingle(false, input).ravel().toDoubleVector(), saca.outputSingle(false, input).ravel().toDoubleVector(), 1e-6);
    }

    @Test
    void sbcaStartsWithBetaOneAndRefinesFeaturesWithChannelAffinity() {
        ComputationGraph graph = gateGraph(AttentionMethod.SBCA, new int[] {1});
        setMlp(graph);
        assertEquals(1.0, graph.getLayer("gate").getParam("beta").getDouble(0), 0, "beta starts at 1 (METHOD.md, revised)");
        assertGate(expectedSbca(1.0), graph);
    }

    @Test
    void sbcaScalesTheAffinityTermByBeta() {
        ComputationGraph graph = gateGraph(AttentionMethod.SBCA, new int[] {1});
        setMlp(graph);
        double beta = 0.8;
        graph.getLayer("gate").getParam("beta").assign(Nd4j.create(new double[] {beta}, new long[] {1, 1}).castTo(DataType.FLOAT));
        assertGate(expectedSbca(beta), graph);
    }

    /** Hand computation of SBCA's gate on the test tensor for a given beta. */
    private static double[][] expectedSbca(double beta) {
        int m = H * W;
        double[][] expected = new double[N][];
        for (int n = 0; n < N; n++) {
            double[][] f = new double[C][m];
            double[][] z = new double[C][m];
            for (int c = 0; c < C; c++) {
                double mean = 0;
                for (int i = 0; i < m; i++) {
                    f[c][i] = x[n][c][i / W][i % W];
                    mean += f[c][i] / m;
                }
                double var = 0;
                for (int i = 0; i < m; i++) {
                    var += (f[c][i] - mean) * (f[c][i] - mean) / m;
                }
                for (int i = 0; i < m; i++) {
                    z[c][i] = (f[c][i] - mean) / Math.sqrt(var + 1e-5);
                }
            }
            double[] descriptor = new double[C];
            for (int c = 0; c < C; c++) {
                double[] logits = new double[C];
                double max = Double.NEGATIVE_INFINITY;
                for (int d = 0; d < C; d++) {
                    for (int i = 0; i < m; i++) {
                        logits[d] += z[c][i] * z[d][i] / Math.sqrt(m);
                    }
                    max = Math.max(max, logits[d]);
                }
                double norm = 0;
                for (int d = 0; d < C; d++) {
                    logits[d] = Math.exp(logits[d] - max);
                    norm += logits[d];
                }
                for (int i = 0; i < m; i++) {
                    double af = 0;
                    for (int d = 0; d < C; d++) {
                        af += logits[d] / norm * f[d][i];
                    }
                    descriptor[c] += (beta * af + f[c][i]) / m;
                }
            }
            expected[n] = sigmoid(mlp(descriptor));
        }
        return expected;
    }

    /** With beta = 0 SBCA's descriptor is SE's (the old start); at its start beta = 1 the gates differ. */
    @Test
    void sbcaEqualsSeOnlyWhenBetaIsZero() {
        ComputationGraph sbca = gateGraph(AttentionMethod.SBCA, new int[] {1});
        ComputationGraph se = gateGraph(AttentionMethod.SE, new int[] {1});
        setMlp(sbca);
        setMlp(se);
        INDArray input = input();
        double[] seGate = se.outputSingle(false, input).ravel().toDoubleVector();
        double[] startGate = sbca.outputSingle(false, input).ravel().toDoubleVector();
        double largest = 0;
        for (int i = 0; i < seGate.length; i++) {
            largest = Math.max(largest, Math.abs(seGate[i] - startGate[i]));
        }
        assertTrue(largest > 1e-3, "SBCA at beta = 1 should not start equal to SE (largest difference " + largest + ")");
        sbca.getLayer("gate").getParam("beta").assign(0);
        assertArrayEquals(seGate, sbca.outputSingle(false, input).ravel().toDoubleVector(), 1e-6);
    }

    @Test
    void sbcaPoolsLargeMapsToTheConfiguredSize() {
        // 8x8 maps pooled to 2x2 behave like the 2x2 average-pooled input at full size
        GateLayer pooled = new GateLayer(AttentionMethod.SBCA, C, 8, 8, 16, new int[] {1}, 2, 1);
        GateLayer small = new GateLayer(AttentionMethod.SBCA, C, 2, 2, 16, new int[] {1}, 32, 1);
        ComputationGraph big = graph(pooled, C, 8, 8);
        ComputationGraph reference = graph(small, C, 2, 2);
        for (ComputationGraph g : new ComputationGraph[] {big, reference}) {
            setMlp(g);
            g.getLayer("gate").getParam("beta").assign(Nd4j.create(new double[] {1.5}, new long[] {1, 1}).castTo(DataType.FLOAT));
        }
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, C, 8, 8);
        INDArray averaged = input.reshape(2, C, 2, 4, 2, 4).mean(3, 5);
        assertArrayEquals(reference.outputSingle(false, averaged).ravel().toDoubleVector(), big.outputSingle(false, input).ravel().toDoubleVector(),
                1e-5);
    }

    private static ComputationGraph gateGraph(AttentionMethod method, int[] grids) {
        return graph(new GateLayer(method, C, H, W, 16, grids, 32, 1), C, H, W);
    }

    private static ComputationGraph graph(GateLayer gate, int channels, int height, int width) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(height, width, channels))
                .addLayer("gate", gate, "in").setOutputs("gate").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static void setMlp(ComputationGraph graph) {
        graph.getLayer("gate").getParam("W1").assign(Nd4j.create(w1).castTo(DataType.FLOAT));
        graph.getLayer("gate").getParam("b1").assign(Nd4j.create(b1, new long[] {1, HIDDEN}).castTo(DataType.FLOAT));
        graph.getLayer("gate").getParam("W2").assign(Nd4j.create(w2).castTo(DataType.FLOAT));
        graph.getLayer("gate").getParam("b2").assign(Nd4j.create(b2, new long[] {1, C}).castTo(DataType.FLOAT));
    }

    private static INDArray input() {
        double[] flat = new double[N * C * H * W];
        int i = 0;
        for (double[][][] image : x) {
            for (double[][] channel : image) {
                for (double[] row : channel) {
                    for (double v : row) {
                        flat[i++] = v;
                    }
                }
            }
        }
        return Nd4j.create(flat, new long[] {N, C, H, W}).castTo(DataType.FLOAT);
    }

    private static void assertGate(double[][] expected, ComputationGraph graph) {
        INDArray out = graph.outputSingle(false, input());
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                assertEquals(expected[n][c], out.getDouble(n, c), 1e-5, "image " + n + " channel " + c);
            }
        }
    }

    private static double[] gap(double[][][] image) {
        double[] g = new double[C];
        for (int c = 0; c < C; c++) {
            for (double[] row : image[c]) {
                for (double v : row) {
                    g[c] += v / (H * W);
                }
            }
        }
        return g;
    }

    private static double[] gmp(double[][][] image) {
        double[] g = new double[C];
        for (int c = 0; c < C; c++) {
            g[c] = Double.NEGATIVE_INFINITY;
            for (double[] row : image[c]) {
                for (double v : row) {
                    g[c] = Math.max(g[c], v);
                }
            }
        }
        return g;
    }

    private static double[] mlp(double[] d) {
        double[] hidden = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            double sum = b1[j];
            for (int c = 0; c < C; c++) {
                sum += d[c] * w1[c][j];
            }
            hidden[j] = Math.max(0, sum);
        }
        double[] out = new double[C];
        for (int c = 0; c < C; c++) {
            double sum = b2[c];
            for (int j = 0; j < HIDDEN; j++) {
                sum += hidden[j] * w2[j][c];
            }
            out[c] = sum;
        }
        return out;
    }

    private static double[] sigmoid(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = sigmoid(values[i]);
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double[][] matrix(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = Math.round(random.nextGaussian() * 50) / 100.0;
            }
        }
        return m;
    }

    private static double[] vector(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.round(random.nextGaussian() * 30) / 100.0;
        }
        return v;
    }
}
