package org.segprune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.segprune.model.ModelInfo;

/** The model's input preprocessing is applied to the [0, 1] planes the image reader produces. */
class SampleLoaderPreprocessingTest {

    private static float[][] rgb() {
        return new float[][] {{0.2f, 0.4f}, {0.6f, 0.8f}, {1.0f, 0.0f}};
    }

    private static float[][] apply(String order, String normalization) {
        ModelInfo info = new ModelInfo("onnx", 2, 3, List.of()).withPreprocessing(order, normalization, null);
        float[][] planes = rgb();
        SampleLoader.forModel(info).preprocess(planes);
        return planes;
    }

    @Test
    void defaultsLeaveThePlanesAsSegPruneAlwaysLoadedThem() {
        float[][] planes = rgb();
        new SampleLoader(2, 3).preprocess(planes);
        assertArrayEquals(rgb(), planes);
    }

    @Test
    void bgrSwapsRedAndBlue() {
        float[][] planes = apply("bgr", null);
        assertArrayEquals(new float[] {1.0f, 0.0f}, planes[0]);
        assertArrayEquals(new float[] {0.2f, 0.4f}, planes[2]);
    }

    @Test
    void noneRestoresPixelValues() {
        assertArrayEquals(new float[] {51f, 102f}, apply(null, "none")[0], 1e-4f);
    }

    @Test
    void meanStdUsesTheGivenValues() {
        assertArrayEquals(new float[] {-0.6f, -0.2f}, apply(null, "mean-std:0.5,0.5")[0], 1e-6f);
    }

    @Test
    void imageStdGivesZeroMeanUnitVariance() {
        // enough values that the std floor of 1/sqrt(n) does not apply
        float[][] planes = new float[3][50];
        for (int i = 0; i < 150; i++) {
            planes[i % 3][i / 3] = (i * 37 % 101) / 100f;
        }
        SampleLoader.forModel(new ModelInfo("onnx", 2, 3, List.of()).withPreprocessing(null, "image-std", null)).preprocess(planes);
        double sum = 0;
        double squares = 0;
        for (float[] plane : planes) {
            for (float v : plane) {
                sum += v;
                squares += v * v;
            }
        }
        assertEquals(0, sum / 150, 1e-6);
        assertEquals(1, squares / 150, 1e-5);
    }
}
