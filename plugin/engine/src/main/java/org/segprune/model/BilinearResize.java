package org.segprune.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.util.SegPruneException;

/**
 * Bilinear resize of NCHW feature maps, as PyTorch's {@code F.interpolate(mode='bilinear',
 * align_corners=False)}: output pixel {@code o} reads the input at {@code s = (o + 0.5) * in / out - 0.5},
 * clamped at 0, and mixes pixels floor(s) and floor(s) + 1 (the last pixel repeats at the border).
 * <p>
 * DL4J's {@code Upsampling2D} is nearest-neighbour only. The resize is the linear map
 * {@code Y = R_h X R_w^T} per image and channel, with fixed interpolation matrices ({@link #interpolation});
 * its gradient is {@code dX = R_h^T dY R_w}. It is a plain DL4J layer ({@link BilinearResizeLayer}), not a
 * SameDiff lambda layer: in DL4J 1.0.0-M2.1 every {@code SameDiffLambdaLayer} returns twice the true
 * input gradient (measured with DL4J's gradient check, even for an identity lambda), and it is slower.
 * <p>
 * The configuration holds only the target: a fixed output size or an integer scale factor. Input size
 * and channel count are read from the input when the layer runs, so pruning the channels before it
 * needs no change here. No parameters; saved in the model JSON by class name and these three fields.
 */
public class BilinearResize extends NoParamLayer {

    /** Target height and width in pixels, or 0 when {@link #scale} is used. */
    private int outHeight;
    private int outWidth;
    /** Integer scale factor for both axes, or 0 when an explicit size is used. */
    private int scale;
    /**
     * Where output pixels sample the input, as ONNX's Resize names it: null or {@link #HALF_PIXEL} (the default,
     * PyTorch's align_corners=False), {@link #ALIGN_CORNERS} or {@link #ASYMMETRIC}. Null keeps models saved
     * before the field existed reading as they did.
     */
    private String coordinates;

    public static final String HALF_PIXEL = "half_pixel";
    public static final String ALIGN_CORNERS = "align_corners";
    public static final String ASYMMETRIC = "asymmetric";

    /** For deserialisation only. */
    public BilinearResize() {
    }

    private BilinearResize(int outHeight, int outWidth, int scale) {
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.scale = scale;
    }

    /** Resizes to a fixed output size with the given coordinate mapping ({@link #HALF_PIXEL}, ...). */
    public static BilinearResize toSize(int height, int width, String coordinates) {
        if (!HALF_PIXEL.equals(coordinates) && !ALIGN_CORNERS.equals(coordinates) && !ASYMMETRIC.equals(coordinates)) {
            throw new SegPruneException("bilinear resize has no coordinate mode '" + coordinates + "'");
        }
        BilinearResize resize = toSize(height, width);
        resize.coordinates = HALF_PIXEL.equals(coordinates) ? null : coordinates;
        return resize;
    }

    /** Resizes to a fixed output size. */
    public static BilinearResize toSize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new SegPruneException("bilinear resize needs a positive output size, got " + height + "x" + width);
        }
        return new BilinearResize(height, width, 0);
    }

    /** Resizes by an integer factor along both axes. */
    public static BilinearResize byScale(int scale) {
        if (scale < 1) {
            throw new SegPruneException("bilinear resize needs a positive scale factor, got " + scale);
        }
        return new BilinearResize(0, 0, scale);
    }

    public int getOutHeight() {
        return outHeight;
    }

    public int getOutWidth() {
        return outWidth;
    }

    public int getScale() {
        return scale;
    }

    public String getCoordinates() {
        return coordinates == null ? HALF_PIXEL : coordinates;
    }

    long targetHeight(long inHeight) {
        return scale > 0 ? inHeight * scale : outHeight;
    }

    long targetWidth(long inWidth) {
        return scale > 0 ? inWidth * scale : outWidth;
    }

    /**
     * The [out, in] matrix of 1-D linear interpolation with half-pixel centres (align_corners=False):
     * row o has weight 1 - l at floor(s) and l at floor(s) + 1 (clamped to the last pixel), where
     * s = max(0, (o + 0.5) * in / out - 0.5) and l = s - floor(s).
     */
    public static INDArray interpolation(int in, int out) {
        return interpolation(in, out, DataType.FLOAT);
    }

    static INDArray interpolation(int in, int out, DataType type) {
        return interpolation(in, out, HALF_PIXEL, type);
    }

    /** As {@link #interpolation(int, int)}, with the source coordinate of ONNX's coordinate transformation mode. */
    static INDArray interpolation(int in, int out, String coordinates, DataType type) {
        double[] m = new double[out * in];
        double ratio = in / (double) out;
        for (int o = 0; o < out; o++) {
            double source = Math.max(0, switch (coordinates) {
                case ALIGN_CORNERS -> out > 1 ? o * (in - 1) / (double) (out - 1) : 0;
                case ASYMMETRIC -> o * ratio;
                default -> (o + 0.5) * ratio - 0.5;
            });
            int i0 = Math.min((int) Math.floor(source), in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double lambda = i0 == in - 1 ? 0 : source - i0;
            m[o * in + i0] += 1 - lambda;
            m[o * in + i1] += lambda;
        }
        return Nd4j.create(m, new long[] {out, in}, DataType.DOUBLE).castTo(type);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        BilinearResizeLayer layer = new BilinearResizeLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional cnn)) {
            throw new SegPruneException("bilinear resize needs a convolutional input, got " + inputType);
        }
        return InputType.convolutional(targetHeight(cnn.getHeight()), targetWidth(cnn.getWidth()), cnn.getChannels(),
                cnn.getFormat());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long working = outputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(getLayerName(), BilinearResize.class, inputType, outputType)
                .standardMemory(0, 0).workingMemory(0, working, 0, working).cacheMemory(0, 0).build();
    }

    @Override
    public BilinearResize clone() {
        return (BilinearResize) super.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BilinearResize that && outHeight == that.outHeight && outWidth == that.outWidth
                && scale == that.scale && getCoordinates().equals(that.getCoordinates())
                && java.util.Objects.equals(getLayerName(), that.getLayerName());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(outHeight, outWidth, scale, getCoordinates(), getLayerName());
    }

    @Override
    public String toString() {
        String mode = coordinates == null ? "" : ", " + coordinates;
        return scale > 0 ? "BilinearResize(x" + scale + mode + ")" : "BilinearResize(" + outHeight + "x" + outWidth + mode + ")";
    }
}
