package org.segprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.util.Progress;

/** {@code segprune predict}: the Segmentation Predictor on a folder, masks and a table written, bad input refused. */
class PredictCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path images;

    @BeforeAll
    static void modelAndImages() {
        PhantomGenerator.generate(dir.resolve("p"), PhantomGenerator.Kind.LUNG, 3, 40, 9, Progress.NONE);
        images = dir.resolve("p/images");
        model = dir.resolve("m.zip");
        ModelIO.save(Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 3)), model, false);
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SegPruneCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void predictWritesOneMaskPerImageAndTheTableAndSaysWhere() throws Exception {
        Path out = dir.resolve("masks");
        String[] result = run("predict", "--model", model.toString(), "--images", images.toString(), "--out", out.toString(),
                "--batch", "2");
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].startsWith("predicted 3 images, mean foreground fraction "), result[1]);
        assertTrue(result[1].contains(" -> " + out.toAbsolutePath()) && result[1].contains(out.resolve("predictions.csv")
                .toString()), result[1]);
        List<String> lines = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("stem,image,foreground_fraction,mask_file", lines.get(0));
        assertEquals(4, lines.size());
        for (String stem : List.of("lung_0000", "lung_0001", "lung_0002")) {
            assertEquals(40, ImageIO.read(out.resolve(stem + ".png").toFile()).getWidth());
        }
    }

    @Test
    void aMissingImagesFolderIsAOneLineErrorAndNothingIsWritten() {
        Path out = dir.resolve("never");
        String[] result = run("predict", "--model", model.toString(), "--images", dir.resolve("none").toString(), "--out",
                out.toString());
        assertEquals("2", result[0]);
        assertEquals("segprune: error: the images folder '" + dir.resolve("none") + "' does not exist", result[2].strip());
        assertFalse(Files.exists(out));
        result = run("predict", "--model", model.toString(), "--images", images.toString());
        assertEquals("2", result[0]);
        assertTrue(result[2].contains("--out"), result[2]);
        result = run("predict", "--model", model.toString(), "--images", images.toString(), "--out", out.toString(),
                "--batch", "0");
        assertEquals("2", result[0]);
        assertTrue(result[2].contains("--batch: Batch size [batch_size] must be between 1 and 1024"), result[2]);
    }
}
