package org.segprune.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.segprune.util.AtomicFiles;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Synthetic, realistic-looking segmentation phantoms for the demo and the unit tests, so nothing
 * depends on licensed data: grey chest-X-ray-like images with two lung fields, or RGB
 * dermoscopy-like images with one irregular lesion. Same seed, same images.
 */
public final class PhantomGenerator {

    /** The two phantom families. */
    public enum Kind {
        LUNG, LESION;

        public static Kind parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SegPruneException("unknown phantom kind '" + name + "' (use lung or lesion)");
            }
        }
    }

    private PhantomGenerator() {
    }

    /** Writes {@code count} pairs into {@code dir/images} and {@code dir/masks}; returns the data set. */
    public static SegmentationDataset generate(Path dir, Kind kind, int count, int size, long seed, Progress progress) {
        if (count < 1) {
            throw new SegPruneException("phantom count must be at least 1, got " + count);
        }
        if (size < 16) {
            throw new SegPruneException("phantom size must be at least 16, got " + size);
        }
        try {
            Files.createDirectories(dir.resolve("images"));
            Files.createDirectories(dir.resolve("masks"));
        } catch (IOException e) {
            throw new SegPruneException("cannot create phantom folder '" + dir + "': " + e.getMessage(), e);
        }
        for (int i = 0; i < count; i++) {
            progress.checkCancelled();
            Random random = new Random(seed * 1_000_003L + i);
            BufferedImage[] pair = kind == Kind.LUNG ? lung(size, random) : lesion(size, random);
            String stem = String.format(Locale.ROOT, "%s_%04d", kind.name().toLowerCase(Locale.ROOT), i);
            writePng(pair[0], dir.resolve("images").resolve(stem + ".png"));
            writePng(pair[1], dir.resolve("masks").resolve(stem + ".png"));
            progress.report((i + 1) / (double) count, "generated " + (i + 1) + " of " + count + " phantoms");
        }
        return SegmentationDataset.open(dir, Progress.NONE);
    }

    private static void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer");
            }
        });
    }

    private static BufferedImage[] lung(int size, Random random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        double cx = size * (0.5 + 0.04 * random.nextGaussian());
        double cy = size * (0.5 + 0.04 * random.nextGaussian());
        double gap = size * (0.06 + 0.02 * random.nextDouble());
        double rx = size * (0.17 + 0.03 * random.nextDouble());
        double ry = size * (0.30 + 0.05 * random.nextDouble());
        double tilt = 0.15 * random.nextGaussian();
        double ribPhase = random.nextDouble() * Math.PI * 2;
        double ribFreq = 2 * Math.PI / (size * (0.07 + 0.02 * random.nextDouble()));
        double bodyRx = size * (0.42 + 0.04 * random.nextDouble());
        double brightness = 0.75 + 0.15 * random.nextDouble();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double body = ellipse(x, y, cx, cy + size * 0.05, bodyRx, size * 0.55, 0);
                double left = ellipse(x, y, cx - gap - rx, cy, rx, ry, tilt);
                double right = ellipse(x, y, cx + gap + rx, cy, rx * 1.05, ry, -tilt);
                boolean inLung = left <= 1 || right <= 1;
                double v = 0.08 + (body <= 1 ? brightness * (1 - 0.3 * body) : 0);
                if (inLung) {
                    double depth = Math.min(left, right);
                    v = 0.18 + 0.18 * depth + 0.06 * Math.sin(y * ribFreq + ribPhase) * Math.cos(x * ribFreq * 0.3);
                }
                v += 0.04 * random.nextGaussian();
                image.getRaster().setSample(x, y, 0, clamp(v));
                mask.getRaster().setSample(x, y, 0, inLung ? 255 : 0);
            }
        }
        return new BufferedImage[] {image, mask};
    }

    private static BufferedImage[] lesion(int size, Random random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        double cx = size * (0.5 + 0.1 * random.nextGaussian());
        double cy = size * (0.5 + 0.1 * random.nextGaussian());
        double radius = size * (0.15 + 0.12 * random.nextDouble());
        double[] harmonics = new double[5];
        double[] phases = new double[5];
        for (int k = 0; k < harmonics.length; k++) {
            harmonics[k] = 0.12 * random.nextDouble() / (k + 1);
            phases[k] = random.nextDouble() * Math.PI * 2;
        }
        double[] skin = {0.85 + 0.1 * random.nextDouble(), 0.65 + 0.1 * random.nextDouble(), 0.55 + 0.1 * random.nextDouble()};
        double[] lesion = {0.35 + 0.15 * random.nextDouble(), 0.2 + 0.1 * random.nextDouble(), 0.15 + 0.08 * random.nextDouble()};
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double angle = Math.atan2(y - cy, x - cx);
                double r = radius;
                for (int k = 0; k < harmonics.length; k++) {
                    r += radius * harmonics[k] * Math.sin((k + 2) * angle + phases[k]);
                }
                double d = Math.hypot(x - cx, y - cy) / r;
                boolean inside = d <= 1;
                double vignette = 1 - 0.35 * Math.pow(Math.hypot(x - size / 2.0, y - size / 2.0) / size, 2);
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double v = inside ? lesion[c] * (0.8 + 0.3 * d) : skin[c];
                    v = v * vignette + 0.03 * random.nextGaussian();
                    rgb = (rgb << 8) | clamp(v);
                }
                image.setRGB(x, y, rgb);
                mask.getRaster().setSample(x, y, 0, inside ? 255 : 0);
            }
        }
        return new BufferedImage[] {image, mask};
    }

    private static double ellipse(double x, double y, double cx, double cy, double rx, double ry, double tilt) {
        double dx = x - cx;
        double dy = y - cy;
        double u = dx * Math.cos(tilt) + dy * Math.sin(tilt);
        double v = -dx * Math.sin(tilt) + dy * Math.cos(tilt);
        return (u * u) / (rx * rx) + (v * v) / (ry * ry);
    }

    private static int clamp(double v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }
}
