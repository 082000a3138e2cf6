package org.segprune.score.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adaptive average pooling as a matrix: column i averages input rows
 * [floor(i*n/g), ceil((i+1)*n/g)), the convention of PyTorch's adaptive_avg_pool2d. Pooling an
 * H x W map onto a g x g grid is then P_H^T X P_W.
 */
final class PoolingMatrices {

    private PoolingMatrices() {
    }

    static INDArray adaptiveAverage(int n, int cells) {
        float[] values = new float[n * cells];
        for (int i = 0; i < cells; i++) {
            int start = (int) Math.floor(i * (double) n / cells);
            int end = (int) Math.ceil((i + 1) * (double) n / cells);
            for (int r = start; r < end; r++) {
                values[r * cells + i] = 1f / (end - start);
            }
        }
        return Nd4j.create(values, new long[] {n, cells}, 'c').castTo(DataType.FLOAT);
    }
}
