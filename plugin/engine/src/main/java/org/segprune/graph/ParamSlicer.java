package org.segprune.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies the kept slices of parameter arrays through plain Java arrays. Going through a dup avoids
 * the view-indexing traps of DL4J's flat parameter buffer, and the copy is exact by construction.
 */
final class ParamSlicer {

    private ParamSlicer() {
    }

    /** Keeps indices {@code keptA} of dimension 0 and {@code keptB} of dimension 1 of a 4-D array [a, b, kh, kw]. */
    static INDArray slice4d(INDArray source, int[] keptA, int[] keptB) {
        return sliceAxis(sliceAxis(source, 0, keptA), 1, keptB);
    }

    /** Keeps the given indices along the longest dimension of a vector-shaped array ([n] or [1, n]). */
    static INDArray sliceVector(INDArray source, int[] kept) {
        float[] data = source.dup('c').castTo(DataType.FLOAT).data().asFloat();
        float[] out = new float[kept.length];
        for (int i = 0; i < kept.length; i++) {
            out[i] = data[kept[i]];
        }
        long[] shape = source.shape().clone();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == data.length) {
                shape[d] = kept.length;
                break;
            }
        }
        return Nd4j.create(out, shape, 'c').castTo(source.dataType());
    }

    /** Keeps the given indices of one axis of an array of any rank. */
    static INDArray sliceAxis(INDArray source, int axis, int[] kept) {
        long[] shape = source.shape();
        Strides strides = Strides.of(shape, axis);
        float[] data = source.dup('c').castTo(DataType.FLOAT).data().asFloat();
        float[] out = new float[strides.outer * kept.length * strides.inner];
        int o = 0;
        for (int before = 0; before < strides.outer; before++) {
            for (int c : kept) {
                System.arraycopy(data, (before * strides.size + c) * strides.inner, out, o, strides.inner);
                o += strides.inner;
            }
        }
        long[] outShape = shape.clone();
        outShape[axis] = kept.length;
        return Nd4j.create(out, outShape, 'c').castTo(source.dataType());
    }

    /** A copy of an array with the given indices of one axis set to zero. */
    static INDArray zeroAxis(INDArray source, int axis, List<Integer> zeroed) {
        long[] shape = source.shape();
        Strides strides = Strides.of(shape, axis);
        float[] data = source.dup('c').castTo(DataType.FLOAT).data().asFloat();
        for (int before = 0; before < strides.outer; before++) {
            for (int c : zeroed) {
                int start = (before * strides.size + c) * strides.inner;
                java.util.Arrays.fill(data, start, start + strides.inner, 0f);
            }
        }
        return Nd4j.create(data, shape, 'c').castTo(source.dataType());
    }

    /** A c-order array seen as [outer, size, inner] around one axis. */
    record Strides(int outer, int size, int inner) {
        static Strides of(long[] shape, int axis) {
            int outer = 1;
            int inner = 1;
            for (int d = 0; d < axis; d++) {
                outer *= (int) shape[d];
            }
            for (int d = axis + 1; d < shape.length; d++) {
                inner *= (int) shape[d];
            }
            return new Strides(outer, (int) shape[axis], inner);
        }
    }

    /** A copy of a vector-shaped array with the given indices set to zero. */
    static INDArray zeroVector(INDArray source, List<Integer> zeroed) {
        float[] data = source.dup('c').castTo(DataType.FLOAT).data().asFloat();
        zeroed.forEach(c -> data[c] = 0f);
        return Nd4j.create(data, source.shape(), 'c').castTo(source.dataType());
    }

    /** Every parameter of a per-channel layer (one value per channel each) cut to the kept channels. */
    static Map<String, INDArray> sliceVectors(Map<String, INDArray> params, int[] kept) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        params.forEach((key, value) -> out.put(key, sliceVector(value, kept)));
        return out;
    }

    /** The parameters with the given channels of the named per-channel ones set to zero. */
    static Map<String, INDArray> zeroVectors(Map<String, INDArray> params, List<String> keys, List<Integer> zeroed) {
        Map<String, INDArray> out = new LinkedHashMap<>(params);
        for (String key : keys) {
            if (params.containsKey(key)) {
                out.put(key, zeroVector(params.get(key), zeroed));
            }
        }
        return out;
    }
}
