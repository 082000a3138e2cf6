package org.segprune.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.segprune.model.MaskValues;
import org.segprune.model.ModelInfo;
import org.segprune.util.SegPruneException;

/**
 * Reads images and masks into planar float arrays. Images are scaled to [0,1]; masks become 0/1
 * (foreground when the pixel is > 127). Lossless masks (PNG, TIFF, BMP, GIF) must hold only 0 and 255, or only 0
 * and 1 (as many prepared data sets store them); JPEG masks may carry compression noise up to
 * {@value #JPEG_MASK_TOLERANCE} grey levels around 0 and 255.
 */
public final class ImageFiles {

    static final int JPEG_MASK_TOLERANCE = 48;

    /** The image formats read (Java's own ImageIO readers), for messages and node descriptions. */
    public static final String FORMATS = "PNG, JPEG, TIFF, BMP or GIF";
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif");

    private ImageFiles() {
    }

    public static boolean isSupported(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    private static boolean isJpeg(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    public static BufferedImage read(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new SegPruneException("cannot read image '" + file + "': " + e.getMessage(), e);
        }
        if (image == null) {
            throw new SegPruneException("'" + file + "' is not a readable " + FORMATS + " image");
        }
        int bits = image.getColorModel().getComponentSize(0);
        int type = image.getRaster().getDataBuffer().getDataType();
        if (bits > 16 || type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
            throw new SegPruneException("image '" + file + "' has " + bits + "-bit" + (type == DataBuffer.TYPE_FLOAT
                    || type == DataBuffer.TYPE_DOUBLE ? " floating-point" : "") + " samples; SegPrune reads 8- and 16-bit images");
        }
        return image;
    }

    /**
     * Checks that both files read, have the same size and that the mask holds what the mask values allow (classes
     * below {@code classes}).
     */
    static void validatePair(Sample sample, MaskValues values, int classes) {
        BufferedImage image = read(sample.image());
        BufferedImage mask = read(sample.mask());
        if (image.getWidth() != mask.getWidth() || image.getHeight() != mask.getHeight()) {
            throw new SegPruneException(String.format(Locale.ROOT, "mask '%s' is %dx%d but its image is %dx%d",
                    sample.mask().getFileName(), mask.getWidth(), mask.getHeight(), image.getWidth(), image.getHeight()));
        }
        readMask(mask, sample.mask(), values, classes);
    }

    /**
     * A mask as a model reads it: 0/1 under binary mask values (or no model, {@code info} null), else the class index
     * of every pixel ({@link #maskToClasses}).
     */
    public static float[] readMask(BufferedImage mask, Path file, ModelInfo info) {
        if (info == null || !info.multiClass()) {
            return maskToBinary(mask, file);
        }
        return readMask(mask, file, MaskValues.parse(info.maskValues()), info.classCount());
    }

    /** A mask read with the given mask values: 0/1 when binary, else class indices below {@code classes}. */
    public static float[] readMask(BufferedImage mask, Path file, MaskValues values, int classes) {
        return values.binary() ? maskToBinary(mask, file) : maskToClasses(mask, file, values, classes);
    }

    /** Number of colour channels of the stored image: 1 for grey (with or without alpha), 3 otherwise. */
    public static int channelsOf(BufferedImage image) {
        return isGreyRaster(image) ? 1 : 3;
    }

    /**
     * True when band 0 of the raster holds the grey level itself: grey or grey+alpha, not palette
     * images (whose samples are palette indices). Reading the raster avoids Java's linear-grey to
     * sRGB conversion in getRGB, which would brighten grey levels.
     */
    private static boolean isGreyRaster(BufferedImage image) {
        return !(image.getColorModel() instanceof IndexColorModel) && image.getColorModel().getNumColorComponents() == 1;
    }

    /**
     * The image as planar floats [channels][h*w] in [0,1]. A grey image given to a 3-channel model is
     * repeated; an RGB image given to a 1-channel model becomes its luma (ITU-R BT.601).
     */
    public static float[][] imagePlanes(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] planes = new float[channels][w * h];
        if (isGreyRaster(image)) {
            Raster raster = image.getRaster();
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = raster.getSample(x, y, 0) / max;
                    for (int c = 0; c < channels; c++) {
                        planes[c][y * w + x] = v;
                    }
                }
            }
            return planes;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                float r = ((rgb >> 16) & 0xff) / 255f;
                float g = ((rgb >> 8) & 0xff) / 255f;
                float b = (rgb & 0xff) / 255f;
                if (channels == 1) {
                    planes[0][y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    planes[0][y * w + x] = r;
                    planes[1][y * w + x] = g;
                    planes[2][y * w + x] = b;
                }
            }
        }
        return planes;
    }

    /** The mask as 0/1 floats [h*w]; rejects non-binary masks naming the file. */
    public static float[] maskToBinary(BufferedImage mask, Path file) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        float[] out = new float[w * h];
        boolean jpeg = isJpeg(file);
        int tolerance = jpeg ? JPEG_MASK_TOLERANCE : 0;
        boolean grey = isGreyRaster(mask) && mask.getColorModel().getComponentSize(0) == 8;
        int foreground = jpeg || !zeroOne(mask, grey) ? 255 : 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = maskValue(mask, grey, x, y);
                if (v > tolerance && v < foreground - tolerance) {
                    throw new SegPruneException(String.format(Locale.ROOT,
                            "mask '%s' is not binary: pixel (%d,%d) is %d; masks must hold only 0 and 255 (or only 0 and 1)",
                            file.getFileName(), x, y, v));
                }
                out[y * w + x] = 2 * v > foreground ? 1f : 0f;
            }
        }
        return out;
    }

    /** Whether every pixel of the mask is 0 or 1: a mask stored with foreground 1. */
    private static boolean zeroOne(BufferedImage mask, boolean grey) {
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                if (maskValue(mask, grey, x, y) > 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A mask pixel's value: the raw sample when {@code raw} (grey or palette index), else the largest of R, G, B. */
    private static int maskValue(BufferedImage mask, boolean raw, int x, int y) {
        if (raw) {
            return mask.getRaster().getSample(x, y, 0);
        }
        int rgb = mask.getRGB(x, y);
        return Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff));
    }

    /**
     * The mask as class indices [h*w] under a multi-class mask setting ({@link MaskValues}, not binary): the raw
     * pixel value (grey, 8 or 16 bit; the largest of R, G, B otherwise) mapped to its class. A value without a
     * class, or with a class at or above {@code classes}, is an error naming the file, the pixel and the value.
     * A palette PNG is read by its palette indices (how class masks are usually stored as palette images).
     */
    public static float[] maskToClasses(BufferedImage mask, Path file, MaskValues values, int classes) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        float[] out = new float[w * h];
        boolean grey = isGreyRaster(mask) || mask.getColorModel() instanceof IndexColorModel;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = maskValue(mask, grey, x, y);
                int c = values.classOf(v);
                if (c < 0 || c >= classes) {
                    throw new SegPruneException(String.format(Locale.ROOT,
                            "mask '%s' holds value %d at pixel (%d,%d), which is not a class of this model: mask values"
                                    + " '%s' with %d classes (0..%d)", file.getFileName(), v, x, y, values, classes,
                            classes - 1));
                }
                out[y * w + x] = c;
            }
        }
        return out;
    }

    /** Bilinear resize of one plane (pixel centres aligned, as in PIL and PyTorch's align_corners=false). */
    public static float[] resizeBilinear(float[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) {
            return src.clone();
        }
        float[] dst = new float[dw * dh];
        double sx = (double) sw / dw;
        double sy = (double) sh / dh;
        for (int y = 0; y < dh; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, sh - 1);
            int y1 = Math.min(y0 + 1, sh - 1);
            double wy = fy - y0;
            for (int x = 0; x < dw; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, sw - 1);
                int x1 = Math.min(x0 + 1, sw - 1);
                double wx = fx - x0;
                double top = src[y0 * sw + x0] * (1 - wx) + src[y0 * sw + x1] * wx;
                double bottom = src[y1 * sw + x0] * (1 - wx) + src[y1 * sw + x1] * wx;
                dst[y * dw + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return dst;
    }

    /** Nearest-neighbour resize of one plane (for masks: stays binary). */
    public static float[] resizeNearest(float[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) {
            return src.clone();
        }
        float[] dst = new float[dw * dh];
        for (int y = 0; y < dh; y++) {
            int sy = Math.min(sh - 1, (int) Math.floor((y + 0.5) * sh / dh));
            for (int x = 0; x < dw; x++) {
                int sx = Math.min(sw - 1, (int) Math.floor((x + 0.5) * sw / dw));
                dst[y * dw + x] = src[sy * sw + sx];
            }
        }
        return dst;
    }
}
