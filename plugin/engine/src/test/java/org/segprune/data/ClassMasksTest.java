package org.segprune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.model.ModelInfo;
import org.segprune.util.SegPruneException;

/** Masks read under the mask values setting: class indices, explicit values, errors naming file and value, targets. */
class ClassMasksTest {

    @TempDir
    Path dir;

    /** A 4x4 grey mask: rows hold 0, 1, 2, 1 (class-index) or their mapped values. */
    private static final int[][] CLASSES = {{0, 0, 1, 1}, {0, 2, 2, 1}, {0, 2, 2, 0}, {1, 1, 0, 0}};

    private Sample sample(String stem, int[] valueOfClass) {
        Path image = TestImages.write(TestImages.grey(4, 4, (x, y) -> 40 * x + y), dir.resolve("images/" + stem + ".png"));
        Path mask = TestImages.write(TestImages.grey(4, 4, (x, y) -> valueOfClass[CLASSES[y][x]]),
                dir.resolve("masks/" + stem + ".png"));
        return new Sample(stem, image, mask);
    }

    private static ModelInfo softmax(int classes, String masks) {
        return new ModelInfo("test", 4, 1, List.of(), null, null, ModelInfo.OUTPUT_SOFTMAX, classes, 0, Map.of(), masks);
    }

    private static float[] expectedClasses() {
        float[] expected = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                expected[y * 4 + x] = CLASSES[y][x];
            }
        }
        return expected;
    }

    @Test
    @DisplayName("a class-index mask loads as the class of every pixel")
    void classIndexMaskLoads() {
        LoadedSample loaded = SampleLoader.forModel(softmax(3, "class-index")).load(sample("a", new int[] {0, 1, 2}));
        assertArrayEquals(expectedClasses(), loaded.mask());
        assertEquals(9 / 16.0, loaded.foregroundFraction(), 1e-9);
    }

    @Test
    @DisplayName("an explicit value list maps the i-th value to class i")
    void explicitValuesMap() {
        LoadedSample loaded = SampleLoader.forModel(softmax(3, "values:0,128,255")).load(sample("b", new int[] {0, 128, 255}));
        assertArrayEquals(expectedClasses(), loaded.mask());
    }

    @Test
    @DisplayName("a value at or above the class count is a one-line error naming the mask file and the value")
    void valueOutsideTheClassesIsRefused() {
        Sample bad = sample("c", new int[] {0, 1, 7});
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> SampleLoader.forModel(softmax(3, "class-index")).load(bad));
        assertTrue(e.getMessage().contains("'c.png'") && e.getMessage().contains("value 7") && !e.getMessage().contains("\n"),
                e.getMessage());
    }

    @Test
    @DisplayName("a value missing from an explicit list is refused naming the file and the value")
    void valueOutsideTheListIsRefused() {
        Sample bad = sample("d", new int[] {0, 128, 200});
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> SampleLoader.forModel(softmax(3, "values:0,128,255")).load(bad));
        assertTrue(e.getMessage().contains("'d.png'") && e.getMessage().contains("value 200"), e.getMessage());
    }

    @Test
    @DisplayName("binary stays the default: 0/255 masks load as 0/1, class indices are refused as non-binary")
    void binaryIsTheDefault() {
        ModelInfo info = new ModelInfo("test", 4, 1, List.of());
        assertEquals("binary", info.maskValues());
        LoadedSample loaded = SampleLoader.forModel(info).load(sample("e", new int[] {0, 255, 255}));
        float[] expected = expectedClasses();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = expected[i] > 0 ? 1 : 0;
        }
        assertArrayEquals(expected, loaded.mask());
        assertThrows(SegPruneException.class, () -> SampleLoader.forModel(info).load(sample("f", new int[] {0, 1, 2})));
    }

    @Test
    @DisplayName("training targets: one-hot for a softmax head, channel k = class k+1 for sigmoid channels")
    void targetsMatchTheHead() {
        Sample s = sample("g", new int[] {0, 1, 2});
        SampleLoader softmax = SampleLoader.forModel(softmax(3, "class-index"));
        Batches.Batch batch = Batches.inOrder(SegmentationDataset.of(dir, List.of(s)), softmax, 1).iterator().next();
        assertArrayEquals(new long[] {1, 3, 4, 4}, batch.labels().shape());
        for (int p = 0; p < 16; p++) {
            int c = CLASSES[p / 4][p % 4];
            for (int k = 0; k < 3; k++) {
                assertEquals(k == c ? 1f : 0f, batch.labels().getFloat(0, k, p / 4, p % 4));
            }
        }
        ModelInfo sigmoid = new ModelInfo("test", 4, 1, List.of(), null, null, ModelInfo.OUTPUT_SIGMOID, 2, 0, Map.of(),
                "class-index");
        assertEquals(3, sigmoid.classCount());
        Batches.Batch multiLabel = Batches.inOrder(SegmentationDataset.of(dir, List.of(s)), SampleLoader.forModel(sigmoid), 1)
                .iterator().next();
        assertArrayEquals(new long[] {1, 2, 4, 4}, multiLabel.labels().shape());
        for (int p = 0; p < 16; p++) {
            int c = CLASSES[p / 4][p % 4];
            for (int k = 0; k < 2; k++) {
                assertEquals(c == k + 1 ? 1f : 0f, multiLabel.labels().getFloat(0, k, p / 4, p % 4));
            }
        }
        assertArrayEquals(expectedClasses(), multiLabel.masks());
    }

    @Test
    @DisplayName("mask values that name more classes than the head has, or a bad setting, are refused")
    void badSettingsAreRefused() {
        assertThrows(SegPruneException.class, () -> softmax(2, "values:0,128,255"));
        assertThrows(SegPruneException.class, () -> softmax(3, "values:0,0"));
        assertThrows(SegPruneException.class, () -> softmax(3, "labels"));
        assertThrows(SegPruneException.class, () -> softmax(1, "class-index"));
        assertEquals("values:0,128,255", softmax(3, "VALUES:0, 128,255").maskValues());
    }
}
