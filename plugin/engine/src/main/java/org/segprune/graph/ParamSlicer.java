package org.segprune.graph;

import java.util.List;
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
        long[] shape = source.shape();
        int b = (int) shape[1];
        int kernel = (int) (shape[2] * shape[3]);
        float[] data = source.dup('c').castTo(DataType.FLOAT).data().asFloat();
        float[] out = new float[keptA.length * keptB.length * kernel];
        int o = 0;
        for (int i : keptA) {
            for (int j : keptB) {
                System.arraycopy(data, (i * b + j) * kernel, out, o, kernel);
                o += kernel;
            }
        }
        return Nd4j.create(out, new long[] {keptA.length, keptB.length, shape[2], shape[3]}, 'c').castTo(source.dataType());
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

    /** A copy of a 4-D array [a, b, kh, kw] with the given indices of {@code axis} (0 or 1) set to zero. */
    static INDArray zero4d(INDArray source, int axis, List<Integer> zeroed) {
        long[] shape = source.shape();
        int b = (int) shape[1];
        int kernel = (int) (shape[2] * shape[3]);
        float[] data = source.dup('c').castTo(DataType.FLOAT).data().asFloat();
        for (int c : zeroed) {
            for (int other = 0; other < shape[1 - axis]; other++) {
                int i = axis == 0 ? c : other;
                int j = axis == 0 ? other : c;
                java.util.Arrays.fill(data, (i * b + j) * kernel, (i * b + j + 1) * kernel, 0f);
            }
        }
        return Nd4j.create(data, shape, 'c').castTo(source.dataType());
    }

    /** A copy of a vector-shaped array with the given indices set to zero. */
    static INDArray zeroVector(INDArray source, List<Integer> zeroed) {
        float[] data = source.dup('c').castTo(DataType.FLOAT).data().asFloat();
        zeroed.forEach(c -> data[c] = 0f);
        return Nd4j.create(data, source.shape(), 'c').castTo(source.dataType());
    }
}
