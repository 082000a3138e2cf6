package org.segprune.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;

/** Small image files for the data tests, written with javax.imageio. */
final class TestImages {

    private TestImages() {
    }

    /** An 8-bit grey image whose pixel (x, y) is {@code value.applyAsInt(x, y)} (0..255). */
    static BufferedImage grey(int w, int h, IntBinaryOperator value) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, value.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** Writes {@code image} in the format of the file's extension (png or jpg), creating folders. */
    static Path write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            String name = file.getFileName().toString();
            String format = name.substring(name.lastIndexOf('.') + 1);
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IOException("no writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid pair {@code root/images/stem.png} (grey ramp) and {@code root/masks/stem.png} (0/255 square). */
    static void pair(Path root, String stem, int size) {
        write(grey(size, size, (x, y) -> (x * 7 + y * 3) % 256), root.resolve("images").resolve(stem + ".png"));
        write(square(size), root.resolve("masks").resolve(stem + ".png"));
    }

    /** A 0/255 mask with a centred square of foreground. */
    static BufferedImage square(int size) {
        int lo = size / 4;
        int hi = size - size / 4;
        return grey(size, size, (x, y) -> x >= lo && x < hi && y >= lo && y < hi ? 255 : 0);
    }
}
