package org.segprune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pixel conversion and resizing of {@link ImageFiles}. */
class ImageFilesTest {

    private static final float EPS = 1e-6f;

    @TempDir
    Path dir;

    @Test
    @DisplayName("a grey image given to a 3-channel model is repeated in all three planes, scaled to [0,1]")
    void greyToThreeChannelsRepeats() {
        // 2x2 grey: 0, 51 / 102, 255 -> 0, 0.2 / 0.4, 1
        int[] values = {0, 51, 102, 255};
        BufferedImage grey = TestImages.grey(2, 2, (x, y) -> values[y * 2 + x]);
        assertEquals(1, ImageFiles.channelsOf(grey));
        float[][] planes = ImageFiles.imagePlanes(grey, 3);
        assertEquals(3, planes.length);
        for (float[] plane : planes) {
            assertArrayEquals(new float[] {0f, 0.2f, 0.4f, 1f}, plane, EPS);
        }
    }

    private static BufferedImage rgb2x2() {
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000);
        rgb.setRGB(1, 0, 0x00FF00);
        rgb.setRGB(0, 1, 0x0000FF);
        rgb.setRGB(1, 1, (100 << 16) | (150 << 8) | 200);
        return rgb;
    }

    @Test
    @DisplayName("an RGB image given to a 1-channel model becomes its BT.601 luma 0.299 R + 0.587 G + 0.114 B")
    void rgbToOneChannelUsesLuma() {
        BufferedImage rgb = rgb2x2();
        assertEquals(3, ImageFiles.channelsOf(rgb));
        float[][] planes = ImageFiles.imagePlanes(rgb, 1);
        assertEquals(1, planes.length);
        // (100, 150, 200): (29.9 + 88.05 + 22.8) / 255 = 140.75 / 255
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f, 140.75f / 255f}, planes[0], 1e-5f);
    }

    @Test
    @DisplayName("an RGB image given to a 3-channel model keeps R, G and B planes")
    void rgbToThreeChannels() {
        float[][] planes = ImageFiles.imagePlanes(rgb2x2(), 3);
        assertArrayEquals(new float[] {1, 0, 0, 100 / 255f}, planes[0], EPS);
        assertArrayEquals(new float[] {0, 1, 0, 150 / 255f}, planes[1], EPS);
        assertArrayEquals(new float[] {0, 0, 1, 200 / 255f}, planes[2], EPS);
    }

    @Test
    @DisplayName("an RGB PNG read from disk keeps 3 channels; a grey PNG keeps 1")
    void channelsOfStoredFiles() {
        Path rgb = TestImages.write(rgb2x2(), dir.resolve("rgb.png"));
        Path grey = TestImages.write(TestImages.grey(2, 2, (x, y) -> 9), dir.resolve("grey.png"));
        assertEquals(3, ImageFiles.channelsOf(ImageFiles.read(rgb)));
        assertEquals(1, ImageFiles.channelsOf(ImageFiles.read(grey)));
    }

    @Test
    @DisplayName("bilinear 2x2 -> 4x4 with half-pixel centres (align_corners=false, as PyTorch)")
    void bilinearUpscaleMatchesHandValues() {
        float[] src = {0, 1, 2, 3};
        // source coordinate of output pixel x: (x + 0.5) * 2/4 - 0.5 = -0.25, 0.25, 0.75, 1.25 -> clamped to [0, 1]
        // weights on (left, right): (1, 0), (0.75, 0.25), (0.25, 0.75), (0, 1); same vertically
        float[] expected = {
            0.0f, 0.25f, 0.75f, 1.0f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.0f, 2.25f, 2.75f, 3.0f,
        };
        assertArrayEquals(expected, ImageFiles.resizeBilinear(src, 2, 2, 4, 4), EPS);
    }

    @Test
    @DisplayName("bilinear 4x4 -> 2x2 samples between pixel pairs: each output is the mean of a 2x2 block")
    void bilinearDownscaleMatchesHandValues() {
        float[] src = new float[16];
        for (int i = 0; i < 16; i++) {
            src[i] = i;
        }
        // source coordinates (x + 0.5) * 2 - 0.5 = 0.5, 2.5 -> midway between columns 0/1 and 2/3
        // out(0,0) = (0+1+4+5)/4, out(1,0) = (2+3+6+7)/4, out(0,1) = (8+9+12+13)/4, out(1,1) = (10+11+14+15)/4
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, ImageFiles.resizeBilinear(src, 4, 4, 2, 2), EPS);
    }

    @Test
    @DisplayName("bilinear on a non-square plane 2x1 -> 4x2 keeps width and height apart")
    void bilinearNonSquare() {
        float[] src = {0, 4}; // width 2, height 1
        // horizontal weights as in the 2 -> 4 case: 0, 1, 3, 4; the single row is repeated
        assertArrayEquals(new float[] {0, 1, 3, 4, 0, 1, 3, 4}, ImageFiles.resizeBilinear(src, 2, 1, 4, 2), EPS);
    }

    @Test
    @DisplayName("nearest 2x2 -> 4x4 turns each mask pixel into a 2x2 block")
    void nearestUpscaleBlocks() {
        float[] src = {1, 0, 0, 1};
        float[] expected = {
            1, 1, 0, 0,
            1, 1, 0, 0,
            0, 0, 1, 1,
            0, 0, 1, 1,
        };
        assertArrayEquals(expected, ImageFiles.resizeNearest(src, 2, 2, 4, 4), 0f);
    }

    @Test
    @DisplayName("nearest resizing keeps a random binary mask binary at odd sizes, up and down")
    void nearestKeepsMasksBinary() {
        Random random = new Random(5);
        float[] src = new float[13 * 9];
        for (int i = 0; i < src.length; i++) {
            src[i] = random.nextBoolean() ? 1 : 0;
        }
        for (int[] size : new int[][] {{7, 4}, {32, 32}, {5, 17}}) {
            float[] out = ImageFiles.resizeNearest(src, 13, 9, size[0], size[1]);
            assertEquals(size[0] * size[1], out.length);
            for (float v : out) {
                assertTrue(v == 0f || v == 1f, "non-binary value " + v);
            }
        }
        // and bilinear would not: a 1/0 edge gives fractional values (why masks use nearest)
        float[] bilinear = ImageFiles.resizeBilinear(new float[] {1, 0}, 2, 1, 4, 1);
        assertArrayEquals(new float[] {1, 0.75f, 0.25f, 0}, bilinear, EPS);
    }

    @Test
    @DisplayName("a 1-bit black/white PNG mask is accepted (white = foreground)")
    void oneBitPngMaskAccepted() {
        BufferedImage bits = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                bits.getRaster().setSample(x, y, 0, x >= 8 ? 1 : 0);
            }
        }
        Path file = TestImages.write(bits, dir.resolve("bits.png"));
        float[] mask = ImageFiles.maskToBinary(ImageFiles.read(file), file);
        assertEquals(1f, mask[8]);
        assertEquals(0f, mask[7]);
    }

    @Test
    @DisplayName("a grey+alpha PNG gives the same intensities as the same grey PNG without alpha")
    void greyAlphaImageKeepsGreyLevels() {
        java.awt.color.ColorSpace grey = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY);
        java.awt.image.ColorModel model = new java.awt.image.ComponentColorModel(grey, true, false,
                java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
        java.awt.image.WritableRaster raster = model.createCompatibleWritableRaster(2, 2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                raster.setSample(x, y, 0, 128);
                raster.setSample(x, y, 1, 255);
            }
        }
        Path file = TestImages.write(new BufferedImage(model, raster, false, null), dir.resolve("la.png"));
        BufferedImage read = ImageFiles.read(file);
        assertEquals(1, ImageFiles.channelsOf(read));
        assertArrayEquals(new float[] {128 / 255f, 128 / 255f, 128 / 255f, 128 / 255f}, ImageFiles.imagePlanes(read, 1)[0], EPS);
    }
}
