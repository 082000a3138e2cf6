package org.segprune.score.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One attention module's gate: reads a feature map X [N,C,H,W] and outputs a in (0,1)^C per image
 * [N,C] (METHOD.md). Lives only in the temporary scoring graph, so it may fix C, H and W.
 */
public class GateLayer extends SameDiffLayer {

    private static final long serialVersionUID = 1L;
    private static final double STANDARDISE_EPS = 1e-5;
    /** SBCA's learned weight of the channel-affinity term. */
    public static final String BETA = "beta";
    public static final double INITIAL_BETA = 1;

    private AttentionMethod method;
    private int channels;
    private int height;
    private int width;
    private int reduction;
    private int[] grids;
    private int sbcaPool;
    private long seed;

    /** For DL4J's configuration cloning and JSON. */
    public GateLayer() {
    }

    public GateLayer(AttentionMethod method, int channels, int height, int width, int reduction, int[] grids, int sbcaPool,
            long seed) {
        this.method = method;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.reduction = reduction;
        this.grids = grids.clone();
        this.sbcaPool = sbcaPool;
        this.seed = seed;
    }

    public AttentionMethod getMethod() {
        return method;
    }

    public void setMethod(AttentionMethod method) {
        this.method = method;
    }

    public int getChannels() {
        return channels;
    }

    public void setChannels(int channels) {
        this.channels = channels;
    }

    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    public int getReduction() {
        return reduction;
    }

    public void setReduction(int reduction) {
        this.reduction = reduction;
    }

    public int[] getGrids() {
        return grids;
    }

    public void setGrids(int[] grids) {
        this.grids = grids;
    }

    public int getSbcaPool() {
        return sbcaPool;
    }

    public void setSbcaPool(int sbcaPool) {
        this.sbcaPool = sbcaPool;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    private int hidden() {
        return AttentionMethod.hidden(channels, reduction);
    }

    private int sacaCells() {
        int cells = 0;
        for (int g : grids) {
            cells += g * g;
        }
        return cells;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(channels);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        switch (method) {
            case ECA -> params.addWeightParam("w", 1, AttentionMethod.ecaKernel(channels));
            case SACA -> {
                params.addWeightParam("v", 1, sacaCells());
                addMlp(params);
            }
            case SBCA -> {
                params.addWeightParam(BETA, 1, 1);
                addMlp(params);
            }
            default -> addMlp(params);
        }
    }

    private void addMlp(SDLayerParams params) {
        params.addWeightParam("W1", channels, hidden());
        params.addBiasParam("b1", 1, hidden());
        params.addWeightParam("W2", hidden(), channels);
        params.addBiasParam("b2", 1, channels);
    }

    /**
     * Seeded initialisation: W1 He-scaled Gaussian, W2 and both biases zero, so every gate starts at
     * exactly 0.5 and any difference between channels is learned, not left over from random
     * initialisation (a channel that does not influence the loss keeps 0.5). ECA's kernel and SACA's v
     * start as the plain average (SACA then starts equal to SE). SBCA's beta starts at 1 (METHOD.md,
     * revised): started at 0 it hardly moved in a scoring run and SBCA ranked every filter as SE did.
     */
    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        Random random = new Random(seed);
        for (Map.Entry<String, INDArray> entry : params.entrySet()) {
            INDArray array = entry.getValue();
            long n = array.length();
            switch (entry.getKey()) {
                case "W1" -> fill(array, random, Math.sqrt(2.0 / channels));
                case "w", "v" -> array.assign(1.0 / n);
                case BETA -> array.assign(INITIAL_BETA);
                default -> array.assign(0);
            }
        }
    }

    private static void fill(INDArray array, Random random, double scale) {
        float[] values = new float[(int) array.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        array.assign(Nd4j.create(values, array.shape(), 'c').castTo(array.dataType()));
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> rawParams, SDVariable mask) {
        SDVariable x = SameDiffGradients.halveGradient(sd, input);
        Map<String, SDVariable> params = new java.util.HashMap<>();
        rawParams.forEach((key, value) -> params.put(key, SameDiffGradients.halveGradient(sd, value)));
        return switch (method) {
            case SE -> sd.nn().sigmoid(mlp(sd, x.mean(2, 3), params));
            case ECA -> sd.nn().sigmoid(sd.mmul(x.mean(2, 3), ecaBand(sd, params.get("w"), x)));
            case CBAM -> sd.nn().sigmoid(mlp(sd, x.mean(2, 3), params).add(mlp(sd, globalMax(sd, x), params)));
            case SACA -> sd.nn().sigmoid(mlp(sd, sacaDescriptor(sd, x, params.get("v")), params));
            case SBCA -> sd.nn().sigmoid(mlp(sd, sbcaDescriptor(sd, x, params.get(BETA)), params));
        };
    }

    /**
     * Global max pooling [N,C,H,W] -> [N,C] through a max-pooling op: reduce_max's gradient in M2.1 turns
     * into NaN when a channel has tied maxima (a dead ReLU channel is all zeros).
     */
    private SDVariable globalMax(SameDiff sd, SDVariable x) {
        SDVariable pooled = sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(height).kW(width).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build());
        return sd.reshape(pooled, -1, channels);
    }

    /** W2 relu(W1 d + b1) + b2, row vectors: d [N,C] -> [N,C]. */
    private static SDVariable mlp(SameDiff sd, SDVariable descriptor, Map<String, SDVariable> params) {
        SDVariable hidden = sd.nn().relu(sd.mmul(descriptor, params.get("W1")).add(params.get("b1")), 0);
        return sd.mmul(hidden, params.get("W2")).add(params.get("b2"));
    }

    /**
     * ECA's 1-D convolution over channels (zero padded, no bias) as a band matrix B [C,C] with
     * B[c + j - p, c] = w_j, so that GAP(X) B convolves neighbouring channels.
     */
    private SDVariable ecaBand(SameDiff sd, SDVariable w, SDVariable like) {
        int k = AttentionMethod.ecaKernel(channels);
        int pad = (k - 1) / 2;
        float[] shifts = new float[channels * channels * k];
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < k; j++) {
                int source = c + j - pad;
                if (source >= 0 && source < channels) {
                    shifts[(source * channels + c) * k + j] = 1;
                }
            }
        }
        SDVariable shiftMatrices = sd.constant(Nd4j.create(shifts, new long[] {(long) channels * channels, k}, 'c')
                .castTo(like.dataType()));
        return sd.reshape(sd.mmul(shiftMatrices, sd.reshape(w, k, 1)), channels, channels);
    }

    /** SACA: d_c = v . [pool_1x1(X_c), pool_2x2(X_c), pool_4x4(X_c)] -> [N,C]. */
    private SDVariable sacaDescriptor(SameDiff sd, SDVariable x, SDVariable v) {
        List<SDVariable> pooled = new ArrayList<>();
        for (int g : grids) {
            pooled.add(sd.reshape(pool(sd, x, g, g), -1, (long) g * g));
        }
        SDVariable layout = pooled.size() == 1 ? pooled.get(0) : sd.concat(1, pooled.toArray(new SDVariable[0]));
        return sd.reshape(sd.mmul(layout, sd.reshape(v, sacaCells(), 1)), -1, channels);
    }

    /** Average-pools X [N,C,H,W] onto a gh x gw grid: [N*C, gw, gh] (the order v is learned in). */
    private SDVariable pool(SameDiff sd, SDVariable x, int gh, int gw) {
        SDVariable alongW = sd.mmul(sd.reshape(x, -1, width), sd.constant(PoolingMatrices.adaptiveAverage(width, gw).castTo(x.dataType())));
        SDVariable transposed = sd.permute(sd.reshape(alongW, -1, height, gw), 0, 2, 1);
        SDVariable alongH = sd.mmul(sd.reshape(transposed, -1, height), sd.constant(PoolingMatrices.adaptiveAverage(height, gh).castTo(x.dataType())));
        return sd.reshape(alongH, -1, gw, gh);
    }

    /**
     * SBCA: F = X pooled to at most sbcaPool x sbcaPool, as [N,C,M]; A = softmax_rows(F^ F^T / sqrt M) with
     * F^ the row-standardised F; E = beta (A F) + F; descriptor GAP(E). The affinity uses standardised
     * rows, E uses F itself: GAP of standardised rows would be 0 for every channel.
     */
    private SDVariable sbcaDescriptor(SameDiff sd, SDVariable x, SDVariable beta) {
        int ph = Math.min(height, sbcaPool);
        int pw = Math.min(width, sbcaPool);
        long m = (long) ph * pw;
        SDVariable features = ph == height && pw == width ? sd.reshape(x, -1, channels, m)
                : sd.reshape(sd.permute(sd.reshape(pool(sd, x, ph, pw), -1, channels, pw, ph), 0, 1, 3, 2), -1, channels, m);
        SDVariable centred = features.sub(features.mean(true, 2));
        SDVariable std = sd.math().sqrt(centred.mul(centred).mean(true, 2).add(STANDARDISE_EPS));
        SDVariable standardised = centred.div(std);
        SDVariable affinity = sd.nn().softmax(sd.mmul(standardised, standardised, false, true, false).div(Math.sqrt(m)), 2);
        SDVariable refined = sd.mmul(affinity, features).mul(sd.reshape(beta, 1, 1, 1)).add(features);
        return refined.mean(2);
    }

    @Override
    public GateLayer clone() {
        GateLayer copy = (GateLayer) super.clone();
        copy.grids = grids == null ? null : grids.clone();
        return copy;
    }
}
