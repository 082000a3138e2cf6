package org.segprune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/** Opening, validating and splitting a folder data set. */
class SegmentationDatasetTest {

    @TempDir
    Path root;

    private SegPruneException openFails() {
        return assertThrows(SegPruneException.class, () -> SegmentationDataset.open(root, Progress.NONE));
    }

    private static void assertContains(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
        }
    }

    @Test
    @DisplayName("a data folder that does not exist is rejected, naming it")
    void missingFolder() {
        Path missing = root.resolve("nowhere");
        SegPruneException e = assertThrows(SegPruneException.class, () -> SegmentationDataset.open(missing, Progress.NONE));
        assertContains(e.getMessage(), missing.toString(), "does not exist");
    }

    @Test
    @DisplayName("a data folder without images/ is rejected, naming the images folder")
    void missingImagesFolder() throws IOException {
        Files.createDirectories(root.resolve("masks"));
        assertContains(openFails().getMessage(), "images", root.resolve("images").toString(), "does not exist");
    }

    @Test
    @DisplayName("a data folder without masks/ is rejected, naming the masks folder")
    void missingMasksFolder() {
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x), root.resolve("images/a.png"));
        assertContains(openFails().getMessage(), "masks", root.resolve("masks").toString(), "does not exist");
    }

    @Test
    @DisplayName("an image without mask is rejected, naming the image file")
    void imageWithoutMask() {
        TestImages.pair(root, "a", 16);
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x), root.resolve("images/b.png"));
        assertContains(openFails().getMessage(), "'b.png'", "has no mask");
    }

    @Test
    @DisplayName("a mask without image is rejected, naming the mask file")
    void maskWithoutImage() {
        TestImages.pair(root, "a", 16);
        TestImages.write(TestImages.square(16), root.resolve("masks/c.png"));
        assertContains(openFails().getMessage(), "'c.png'", "has no image");
    }

    @Test
    @DisplayName("folders without any image are rejected")
    void emptyFoldersRejected() throws IOException {
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("masks"));
        assertContains(openFails().getMessage(), "no " + ImageFiles.FORMATS + " images");
    }

    @Test
    @DisplayName("an unreadable image (junk bytes named x.png) is rejected, naming the file")
    void unreadableImage() throws IOException {
        TestImages.pair(root, "a", 16);
        Files.write(root.resolve("images/x.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        TestImages.write(TestImages.square(16), root.resolve("masks/x.png"));
        assertContains(openFails().getMessage(), "x.png", "not a readable");
    }

    @Test
    @DisplayName("an unreadable mask (junk bytes named x.png) is rejected, naming the file")
    void unreadableMask() throws IOException {
        TestImages.write(TestImages.grey(16, 16, (x, y) -> y), root.resolve("images/x.png"));
        Files.createDirectories(root.resolve("masks"));
        Files.writeString(root.resolve("masks/x.png"), "this is not a PNG");
        assertContains(openFails().getMessage(), root.resolve("masks/x.png").toString(), "not a readable");
    }

    @Test
    @DisplayName("a mask whose size differs from its image is rejected with both sizes (width x height)")
    void sizeMismatch() {
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x), root.resolve("images/m.png"));
        TestImages.write(TestImages.grey(16, 8, (x, y) -> 0), root.resolve("masks/m.png"));
        assertContains(openFails().getMessage(), "'m.png'", "is 16x8 but its image is 16x16");
    }

    @Test
    @DisplayName("a PNG mask with a grey pixel (100) is rejected as non-binary, naming the file")
    void nonBinaryMaskRejected() {
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x), root.resolve("images/bad.png"));
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x == 3 && y == 5 ? 100 : 0), root.resolve("masks/bad.png"));
        assertContains(openFails().getMessage(), "'bad.png'", "not binary", "(3,5)", "100");
    }

    @Test
    @DisplayName("a 0/255 PNG mask is accepted and becomes 0/1 with the foreground where 255 was")
    void binaryMaskAccepted() {
        TestImages.pair(root, "ok", 16);
        SegmentationDataset data = SegmentationDataset.open(root, Progress.NONE);
        assertEquals(1, data.size());
        Sample sample = data.samples().get(0);
        assertEquals("ok", sample.stem());
        float[] mask = ImageFiles.maskToBinary(ImageFiles.read(sample.mask()), sample.mask());
        // centred square [4, 12) x [4, 12) of a 16x16 mask: 64 foreground pixels
        int foreground = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                boolean inside = x >= 4 && x < 12 && y >= 4 && y < 12;
                assertEquals(inside ? 1f : 0f, mask[y * 16 + x], "pixel " + x + "," + y);
                foreground += inside ? 1 : 0;
            }
        }
        assertEquals(64, foreground);
    }

    @Test
    @DisplayName("a 0/1 PNG mask (as prepared data sets store them) reads as the same 0/255 mask; 0/1/2 is not binary")
    void zeroOneMaskAccepted() {
        TestImages.pair(root, "ok", 16);
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x >= 4 && x < 12 && y >= 4 && y < 12 ? 1 : 0),
                root.resolve("masks/ok.png"));
        Sample sample = SegmentationDataset.open(root, Progress.NONE).samples().get(0);
        float[] zeroOne = ImageFiles.maskToBinary(ImageFiles.read(sample.mask()), sample.mask());
        assertArrayEquals(ImageFiles.maskToBinary(TestImages.square(16), sample.mask()), zeroOne);
        assertEquals(64.0, IntStream.range(0, zeroOne.length).mapToDouble(i -> zeroOne[i]).sum());
        TestImages.write(TestImages.grey(16, 16, (x, y) -> Math.min(x, 2)), root.resolve("masks/ok.png"));
        assertContains(openFails().getMessage(), "'ok.png'", "not binary", "is 1");
    }

    @Test
    @DisplayName("TIFF, BMP and GIF files (DRIVE's GIF masks, 16-bit TIFF scans) read as their PNG twins do")
    void otherLosslessFormatsRead() {
        TestImages.pair(root, "png", 16);
        BufferedImage ramp = ImageFiles.read(root.resolve("images/png.png"));
        TestImages.write(ramp, root.resolve("images/tiff.tif"));
        TestImages.write(TestImages.square(16), root.resolve("masks/tiff.gif"));
        TestImages.write(ramp, root.resolve("images/bmp.bmp"));
        TestImages.write(TestImages.square(16), root.resolve("masks/bmp_mask.tiff"));
        BufferedImage deep = new BufferedImage(16, 16, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                deep.getRaster().setSample(x, y, 0, ramp.getRaster().getSample(x, y, 0) * 257);
            }
        }
        TestImages.write(deep, root.resolve("images/deep.tif"));
        TestImages.write(TestImages.square(16), root.resolve("masks/deep.png"));
        SegmentationDataset data = SegmentationDataset.open(root, Progress.NONE);
        assertEquals(List.of("bmp", "deep", "png", "tiff"), stems(data));
        float[][] expected = ImageFiles.imagePlanes(ramp, 1);
        float[] mask = ImageFiles.maskToBinary(TestImages.square(16), root.resolve("masks/png.png"));
        for (Sample sample : data.samples()) {
            assertArrayEquals(expected[0], ImageFiles.imagePlanes(ImageFiles.read(sample.image()), 1)[0], 1e-6f, sample.stem());
            assertArrayEquals(mask, ImageFiles.maskToBinary(ImageFiles.read(sample.mask()), sample.mask()), sample.stem());
        }
    }

    @Test
    @DisplayName("a JPEG mask whose compression noise stays within the tolerance is accepted and binarised exactly")
    void jpegMaskNoiseAccepted() throws IOException {
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x * 10), root.resolve("images/j.png"));
        Path maskFile = TestImages.write(TestImages.square(16), root.resolve("masks/j.jpg"));
        // precondition: the JPEG really carries noise (values other than 0 and 255), all within 48 of 0 or 255
        BufferedImage stored = ImageIO.read(maskFile.toFile());
        int noisy = 0;
        int worst = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int v = stored.getRaster().getSample(x, y, 0);
                noisy += v != 0 && v != 255 ? 1 : 0;
                worst = Math.max(worst, Math.min(v, 255 - v));
            }
        }
        assertTrue(noisy > 0, "the JPEG encoder left the mask exactly binary; the test needs noise");
        assertTrue(worst <= 48, "noise " + worst + " exceeds the documented tolerance; the test needs a gentler mask");

        SegmentationDataset data = SegmentationDataset.open(root, Progress.NONE);
        assertEquals(1, data.size());
        float[] mask = ImageFiles.maskToBinary(stored, maskFile);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                boolean inside = x >= 4 && x < 12 && y >= 4 && y < 12;
                assertEquals(inside ? 1f : 0f, mask[y * 16 + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    @DisplayName("a JPEG mask with mid-grey (128) is rejected even with the JPEG tolerance")
    void jpegMaskMidGreyRejected() {
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x * 10), root.resolve("images/g.png"));
        TestImages.write(TestImages.grey(16, 16, (x, y) -> 128), root.resolve("masks/g.jpg"));
        assertContains(openFails().getMessage(), "'g.jpg'", "not binary");
    }

    @Test
    @DisplayName("files that are not PNG/JPEG and hidden files are ignored")
    void otherFilesIgnored() throws IOException {
        TestImages.pair(root, "a", 16);
        Files.writeString(root.resolve("images/readme.txt"), "notes");
        Files.writeString(root.resolve("masks/.hidden.png"), "junk");
        SegmentationDataset data = SegmentationDataset.open(root, Progress.NONE);
        assertEquals(List.of("a"), data.samples().stream().map(Sample::stem).toList());
    }

    @Test
    @DisplayName("masks named as public data sets name them (Shenzhen's _mask, ISIC's _Segmentation) pair with their images")
    void maskSuffixesPair() {
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x), root.resolve("images/CHNCXR_0001_0.png"));
        TestImages.write(TestImages.square(16), root.resolve("masks/CHNCXR_0001_0_mask.png"));
        TestImages.write(TestImages.grey(16, 16, (x, y) -> y), root.resolve("images/ISIC_0000000.jpg"));
        TestImages.write(TestImages.square(16), root.resolve("masks/ISIC_0000000_Segmentation.png"));
        TestImages.pair(root, "plain", 16);
        SegmentationDataset data = SegmentationDataset.open(root, Progress.NONE);
        assertEquals(List.of("CHNCXR_0001_0", "ISIC_0000000", "plain"), stems(data));
        assertEquals("CHNCXR_0001_0_mask.png", data.samples().get(0).mask().getFileName().toString());
    }

    @Test
    @DisplayName("two masks for one image are rejected, naming both")
    void twoMasksForOneImage() {
        TestImages.pair(root, "a", 16);
        TestImages.write(TestImages.square(16), root.resolve("masks/a_mask.png"));
        assertContains(openFails().getMessage(), "'a.png' has two masks", "'a.png'", "'a_mask.png'");
    }

    @Test
    @DisplayName("an image without mask names the suffixes a mask may have")
    void missingMaskNamesTheSuffixes() {
        TestImages.pair(root, "a", 16);
        TestImages.write(TestImages.grey(16, 16, (x, y) -> x), root.resolve("images/b.png"));
        TestImages.write(TestImages.square(16), root.resolve("masks/b_other.png"));
        assertContains(openFails().getMessage(), "'b.png' has no mask", "_mask", "_segmentation");
    }

    // --- split -------------------------------------------------------------------------------

    private SegmentationDataset tenSamples() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String stem = "s" + i;
            samples.add(new Sample(stem, root.resolve("images/" + stem + ".png"), root.resolve("masks/" + stem + ".png")));
        }
        return SegmentationDataset.of(root, samples);
    }

    private static List<String> stems(SegmentationDataset data) {
        return data.samples().stream().map(Sample::stem).toList();
    }

    @Test
    @DisplayName("a seeded split: same seed same split, other seed other split, disjoint parts whose union is everything")
    void seededSplitIsDeterministic() {
        SegmentationDataset data = tenSamples();
        SegmentationDataset.Split a = data.split(0.3, 1);
        SegmentationDataset.Split b = data.split(0.3, 1);
        SegmentationDataset.Split c = data.split(0.3, 2);

        // round(0.3 * 10) = 3 validation samples, 7 training samples
        assertEquals(3, a.validation().size());
        assertEquals(7, a.train().size());
        assertEquals(stems(a.validation()), stems(b.validation()));
        assertEquals(stems(a.train()), stems(b.train()));
        assertNotEquals(stems(a.validation()), stems(c.validation()), "seeds 1 and 2 gave the same split");

        for (SegmentationDataset.Split split : List.of(a, c)) {
            Set<String> train = new HashSet<>(stems(split.train()));
            Set<String> validation = new HashSet<>(stems(split.validation()));
            Set<String> overlap = new HashSet<>(train);
            overlap.retainAll(validation);
            assertTrue(overlap.isEmpty(), "overlap " + overlap);
            Set<String> union = new HashSet<>(train);
            union.addAll(validation);
            assertEquals(new HashSet<>(stems(data)), union);
        }
    }

    @Test
    @DisplayName("a split with fraction 0 has no validation part; a tiny fraction still gives one validation sample")
    void splitEdgeFractions() {
        SegmentationDataset data = tenSamples();
        SegmentationDataset.Split none = data.split(0, 3);
        assertNull(none.validation());
        assertEquals(10, none.train().size());
        // round(0.01 * 10) = 0, raised to 1 because there are two or more samples
        assertEquals(1, data.split(0.01, 3).validation().size());
    }

    @Test
    @DisplayName("a split fraction outside [0, 1) is rejected")
    void splitFractionOutOfRange() {
        SegmentationDataset data = tenSamples();
        assertThrows(SegPruneException.class, () -> data.split(1.0, 1));
        assertThrows(SegPruneException.class, () -> data.split(-0.1, 1));
        assertThrows(SegPruneException.class, () -> data.split(Double.NaN, 1));
    }
}
