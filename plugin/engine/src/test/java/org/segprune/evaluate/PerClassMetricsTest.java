package org.segprune.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.model.ClassMaps;
import org.segprune.model.ModelInfo;

/** Per-class dice and IoU of small 2- and 3-class masks, counted by hand, and their mean over the foreground classes. */
class PerClassMetricsTest {

    private static final int[][] TRUTH = {{0, 0, 1, 1}, {0, 2, 2, 1}, {0, 2, 2, 0}, {1, 1, 0, 0}};
    private static final int[][] PREDICTED = {{0, 1, 1, 1}, {0, 2, 2, 1}, {0, 0, 2, 0}, {1, 2, 0, 0}};

    private static ModelInfo info(String kind, int channels) {
        return new ModelInfo("test", 4, 1, List.of(), null, null, kind, channels, 0, Map.of(), "class-index");
    }

    /** A softmax output [1, k, 4, 4] with 0.8 on the class of {@code labels} (classes folded to k - 1 at most). */
    private static INDArray softmaxOutput(int k, int[][] labels) {
        INDArray out = Nd4j.create(DataType.FLOAT, 1, k, 4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int label = Math.min(labels[y][x], k - 1);
                for (int c = 0; c < k; c++) {
                    out.putScalar(new long[] {0, c, y, x}, c == label ? 0.8 : 0.2 / (k - 1));
                }
            }
        }
        return out;
    }

    private static float[] mask(int classes) {
        float[] mask = new float[16];
        for (int p = 0; p < 16; p++) {
            mask[p] = Math.min(TRUTH[p / 4][p % 4], classes - 1);
        }
        return mask;
    }

    private static List<ClassMetrics> perClass(ClassMaps maps, float[] mask) {
        List<ClassMetrics> metrics = new ArrayList<>();
        for (int c = 1; c < maps.classes(); c++) {
            metrics.add(ClassMetrics.of(c, maps.predicted()[c], mask, 0, 4));
        }
        return metrics;
    }

    @Test
    @DisplayName("3 classes, softmax: class 1 dice 8/10 IoU 4/6, class 2 dice 6/8 IoU 3/5, means over both")
    void threeClassSoftmax() {
        ClassMaps maps = ClassMaps.of(softmaxOutput(3, PREDICTED), info(ModelInfo.OUTPUT_SOFTMAX, 3));
        int[] labels = new int[16];
        for (int p = 0; p < 16; p++) {
            labels[p] = PREDICTED[p / 4][p % 4];
        }
        assertArrayEquals(labels, maps.labels());
        List<ClassMetrics> metrics = perClass(maps, mask(3));
        assertEquals(new Confusion(4, 1, 1, 10), metrics.get(0).confusion());
        assertEquals(0.8, metrics.get(0).confusion().dice(), 1e-12);
        assertEquals(4 / 6.0, metrics.get(0).confusion().iou(), 1e-12);
        assertEquals(new Confusion(3, 1, 1, 11), metrics.get(1).confusion());
        assertEquals(0.75, metrics.get(1).confusion().dice(), 1e-12);
        assertEquals(0.6, metrics.get(1).confusion().iou(), 1e-12);

        ImageMetrics image = new ImageMetrics("a", new Confusion(8, 1, 1, 6), 9 / 16.0, SurfaceDistances.BOTH_EMPTY, metrics);
        PerClassReport report = PerClassReport.of(3, List.of(image, image));
        assertEquals(3, report.classes());
        assertEquals(0.775, report.diceMean(), 1e-12);
        assertEquals((4 / 6.0 + 0.6) / 2, report.iouMean(), 1e-12);
        assertEquals(0.8, report.foreground().get(0).dicePooled(), 1e-12);
        assertEquals(0.0, report.foreground().get(0).diceSd(), 1e-12);
        assertEquals(0.775, PerClassReport.meanForegroundDice(image), 1e-12);
        assertEquals(ImageMetrics.SCHEMA.columns().size() + 2 * 4 + 1, ImageMetrics.schema(3).columns().size());
        assertEquals(ImageMetrics.schema(3).columns().size(), image.allCells().length);
    }

    @Test
    @DisplayName("2 classes, softmax: the one foreground class has dice 16/18 and IoU 8/10")
    void twoClassSoftmax() {
        ClassMaps maps = ClassMaps.of(softmaxOutput(2, PREDICTED), info(ModelInfo.OUTPUT_SOFTMAX, 2));
        List<ClassMetrics> metrics = perClass(maps, mask(2));
        assertEquals(1, metrics.size());
        assertEquals(16 / 18.0, metrics.get(0).confusion().dice(), 1e-12);
        assertEquals(0.8, metrics.get(0).confusion().iou(), 1e-12);
    }

    @Test
    @DisplayName("sigmoid channels are multi-label: a pixel above 0.5 in two channels counts for both classes")
    void multiLabelSigmoid() {
        INDArray out = Nd4j.create(DataType.FLOAT, 1, 2, 4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int label = PREDICTED[y][x];
                out.putScalar(new long[] {0, 0, y, x}, label == 1 ? 0.9 : 0.1);
                out.putScalar(new long[] {0, 1, y, x}, label == 2 ? 0.9 : 0.1);
            }
        }
        out.putScalar(new long[] {0, 0, 0, 0}, 0.7);
        out.putScalar(new long[] {0, 1, 0, 0}, 0.6);
        ClassMaps maps = ClassMaps.of(out, info(ModelInfo.OUTPUT_SIGMOID, 2));
        assertEquals(3, maps.classes());
        assertEquals(1, maps.labels()[0], "the most probable of the two classes above 0.5");
        List<ClassMetrics> metrics = perClass(maps, mask(3));
        assertEquals(8 / 11.0, metrics.get(0).confusion().dice(), 1e-12);
        assertEquals(6 / 9.0, metrics.get(1).confusion().dice(), 1e-12);
    }

    @Test
    @DisplayName("logits are read through a softmax (K > 1): the same labels as the probabilities")
    void logitsThroughSoftmax() {
        INDArray logits = Nd4j.create(DataType.FLOAT, 1, 3, 4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                logits.putScalar(new long[] {0, PREDICTED[y][x], y, x}, 3.0);
            }
        }
        ClassMaps maps = ClassMaps.of(logits, info(ModelInfo.OUTPUT_LOGITS, 3));
        ClassMaps reference = ClassMaps.of(softmaxOutput(3, PREDICTED), info(ModelInfo.OUTPUT_SOFTMAX, 3));
        assertArrayEquals(reference.labels(), maps.labels());
        double expected = Math.exp(3) / (Math.exp(3) + 2);
        assertEquals(expected, maps.probability()[1][2], 1e-6);
    }
}
