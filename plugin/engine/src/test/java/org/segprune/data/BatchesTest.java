package org.segprune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

/** Mini-batches: shapes, seeded order and flip augmentation. */
class BatchesTest {

    private static final int S = 16;

    @TempDir
    static Path root;

    /** Mask foreground: an asymmetric L of three pixels (1,2), (3,2), (1,5). */
    private static boolean inL(int x, int y) {
        return (x == 1 && y == 2) || (x == 3 && y == 2) || (x == 1 && y == 5);
    }

    @BeforeAll
    static void writeData() {
        Dl4jRuntime.init();
        // image pixel (x, y) = y * 16 + x: every pixel distinct, so the corner value reveals any flip
        for (int i = 0; i < 8; i++) {
            String stem = "p" + i;
            TestImages.write(TestImages.grey(S, S, (x, y) -> y * S + x), root.resolve("images/" + stem + ".png"));
            TestImages.write(TestImages.grey(S, S, (x, y) -> inL(x, y) ? 255 : 0), root.resolve("masks/" + stem + ".png"));
        }
    }

    private static SegmentationDataset data() {
        return SegmentationDataset.open(root, Progress.NONE);
    }

    @Test
    @DisplayName("in order: features [n,c,s,s] and labels [n,1,s,s], last batch partial, stems in file order")
    void shapesAndOrder() {
        Batches batches = Batches.inOrder(data(), new SampleLoader(S, 1), 3);
        assertEquals(3, batches.batchCount()); // 8 images in batches of 3: 3, 3, 2
        List<String> stems = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Batches.Batch batch : batches) {
            assertArrayEquals(new long[] {batch.size(), 1, S, S}, batch.features().shape());
            assertArrayEquals(new long[] {batch.size(), 1, S, S}, batch.labels().shape());
            stems.addAll(batch.stems());
            sizes.add(batch.size());
        }
        assertEquals(List.of(3, 3, 2), sizes);
        assertEquals(List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"), stems);
    }

    @Test
    @DisplayName("a grey set loaded for a 3-channel 8x8 model: features [n,3,8,8], labels [n,1,8,8]")
    void threeChannelsResized() {
        Batches.Batch batch = Batches.inOrder(data(), new SampleLoader(8, 3), 4).iterator().next();
        assertArrayEquals(new long[] {4, 3, 8, 8}, batch.features().shape());
        assertArrayEquals(new long[] {4, 1, 8, 8}, batch.labels().shape());
        // 16 -> 8 bilinear: output (0,0) is the mean of source pixels 0, 1, 16, 17 -> 8.5 / 255, in every channel
        for (int c = 0; c < 3; c++) {
            assertEquals(8.5 / 255, batch.features().getDouble(0, c, 0, 0), 1e-6);
        }
    }

    @Test
    @DisplayName("in order, without augmentation, pixels are exactly the files' pixels")
    void inOrderIsNotFlipped() {
        Batches.Batch batch = Batches.inOrder(data(), new SampleLoader(S, 1), 8).iterator().next();
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                assertEquals((y * S + x) / 255.0, batch.features().getDouble(0, 0, y, x), 1e-6);
                assertEquals(inL(x, y) ? 1.0 : 0.0, batch.labels().getDouble(0, 0, y, x));
            }
        }
    }

    private static List<List<String>> orders(Batches batches, int passes) {
        List<List<String>> orders = new ArrayList<>();
        for (int p = 0; p < passes; p++) {
            List<String> order = new ArrayList<>();
            for (Batches.Batch batch : batches) {
                order.addAll(batch.stems());
            }
            orders.add(order);
        }
        return orders;
    }

    @Test
    @DisplayName("shuffled with the same seed gives the same order (pass by pass); another seed another order")
    void shuffleIsSeeded() {
        SampleLoader loader = new SampleLoader(S, 1);
        List<List<String>> a = orders(Batches.shuffled(data(), loader, 3, 17, false), 2);
        List<List<String>> b = orders(Batches.shuffled(data(), loader, 3, 17, false), 2);
        List<List<String>> c = orders(Batches.shuffled(data(), loader, 3, 18, false), 2);
        assertEquals(a, b);
        assertNotEquals(a, c);
        for (List<String> order : a) {
            assertEquals(Set.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"), new HashSet<>(order));
            assertEquals(8, order.size());
        }
    }

    @Test
    @DisplayName("flips move image and mask together: the mask L follows the image's flip")
    void flipsKeepImageAndMaskAligned() {
        Batches batches = Batches.shuffled(data(), new SampleLoader(S, 1), 4, 3, true);
        Set<String> seenFlips = new HashSet<>();
        for (int pass = 0; pass < 3; pass++) {
            for (Batches.Batch batch : batches) {
                for (int i = 0; i < batch.size(); i++) {
                    // corner value of the unflipped image: 0; flipped in x: 15; in y: 240; both: 255
                    int corner = (int) Math.round(batch.features().getDouble(i, 0, 0, 0) * 255);
                    boolean flipX = corner == 15 || corner == 255;
                    boolean flipY = corner == 240 || corner == 255;
                    assertTrue(corner == 0 || flipX || flipY, "corner " + corner + " is no flip of the image");
                    seenFlips.add(flipX + "/" + flipY);
                    for (int y = 0; y < S; y++) {
                        for (int x = 0; x < S; x++) {
                            int sx = flipX ? S - 1 - x : x;
                            int sy = flipY ? S - 1 - y : y;
                            assertEquals((sy * S + sx) / 255.0, batch.features().getDouble(i, 0, y, x), 1e-6);
                            assertEquals(inL(sx, sy) ? 1.0 : 0.0, batch.labels().getDouble(i, 0, y, x),
                                    "mask pixel " + x + "," + y + " with flips x=" + flipX + " y=" + flipY);
                        }
                    }
                }
            }
        }
        // 24 draws of two coin flips: all four combinations occur (else flipping would be broken or constant)
        assertEquals(4, seenFlips.size(), "flip combinations seen: " + seenFlips);
    }
}
