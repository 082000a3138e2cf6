package org.segprune.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.util.SegPruneException;

/**
 * The running {@link BilinearResize}: forward {@code Y = R_h X R_w^T}, backward {@code dX = R_h^T dY R_w},
 * each as two matrix products over all images and channels at once. The interpolation matrices are
 * built on first use for the input's height and width and kept outside any workspace.
 */
public class BilinearResizeLayer extends AbstractLayer<BilinearResize> {

    /** Interpolation matrices by "in x out", as [out, in] and its transpose. */
    private transient Map<String, INDArray[]> matrices = new HashMap<>();

    public BilinearResizeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.UPSAMPLING;
    }

    private INDArray[] matrices(int in, int out) {
        if (matrices == null) {
            matrices = new HashMap<>();
        }
        return matrices.computeIfAbsent(in + "x" + out + ":" + dataType, key -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray m = BilinearResize.interpolation(in, out, layerConf().getCoordinates(), dataType);
                return new INDArray[] {m, m.transpose().dup('c')};
            }
        });
    }

    private void checkInput(INDArray array) {
        if (array.rank() != 4) {
            throw new SegPruneException("bilinear resize needs a rank 4 NCHW input, got shape " + Arrays.toString(array.shape())
                    + " " + layerId());
        }
    }

    /**
     * Applies {@code rows} [outH, H] along the height and {@code colsT} [W, outW] along the width of
     * x [N, C, H, W], writing into {@code target} [N, C, outH, outW] (c order). Two matrix products
     * over all images and channels; the axis order is chosen so that the copies (permutes) touch the
     * smaller arrays: height first when enlarging, width first when shrinking (the backward pass).
     */
    static void apply(INDArray x, INDArray rows, INDArray colsT, INDArray target) {
        long nc = x.size(0) * x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        long outH = rows.size(0);
        long outW = colsT.size(1);
        INDArray source = x.dup('c');
        if (h * w + outH * w <= h * outW + outH * outW) {
            // [N*C, H, W] -> [H, N*C*W]; R_h x that -> [outH, N*C*W] -> [N*C*outH, W]; x R_w^T -> target
            INDArray byRow = source.reshape('c', nc, h, w).permute(1, 0, 2).dup('c').reshape('c', h, nc * w);
            INDArray alongHeight = rows.mmul(byRow).reshape('c', outH, nc, w).permute(1, 0, 2).dup('c').reshape('c', nc * outH, w);
            Nd4j.gemm(alongHeight, colsT, target.reshape('c', nc * outH, outW), false, false, 1.0, 0.0);
        } else {
            // [N*C*H, W] x R_w^T -> [N*C, H, outW] -> [H, N*C*outW]; R_h x that -> [outH, N*C, outW] -> target
            INDArray alongWidth = source.reshape('c', nc * h, w).mmul(colsT);
            INDArray byRow = alongWidth.reshape('c', nc, h, outW).permute(1, 0, 2).dup('c').reshape('c', h, nc * outW);
            target.reshape('c', nc, outH, outW).assign(rows.mmul(byRow).reshape('c', outH, nc, outW).permute(1, 0, 2));
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        checkInput(input);
        int h = (int) input.size(2);
        int w = (int) input.size(3);
        int outH = (int) layerConf().targetHeight(h);
        int outW = (int) layerConf().targetWidth(w);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {input.size(0), input.size(1), outH, outW}, 'c');
        apply(input.castTo(dataType), matrices(h, outH)[0], matrices(w, outW)[1], output);
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        checkInput(epsilon);
        int h = (int) input.size(2);
        int w = (int) input.size(3);
        int outH = (int) epsilon.size(2);
        int outW = (int) epsilon.size(3);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
        // dX = R_h^T dY R_w: R_h^T [H, outH] along the height, R_w [outW, W] along the width
        apply(epsilon.castTo(dataType), matrices(h, outH)[1], matrices(w, outW)[0], epsOut);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(new DefaultGradient(), epsOut);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public Gradient gradient() {
        throw new UnsupportedOperationException("bilinear resize has no parameters " + layerId());
    }

    @Override
    public long numParams() {
        return 0;
    }

    @Override
    public INDArray params() {
        return null;
    }

    @Override
    public INDArray getParam(String param) {
        return null;
    }

    @Override
    public void setParams(INDArray params) {
        // no parameters
    }

    @Override
    public double score() {
        return 0;
    }
}
