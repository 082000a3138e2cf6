package org.segprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.testutil.CliRun;
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


    @Test
    void predictWritesOneMaskPerImageAndTheTableAndSaysWhere() throws Exception {
        Path out = dir.resolve("masks");
        CliRun result = CliRun.of("predict", "--model", model.toString(), "--images", images.toString(), "--out", out.toString(),
                "--batch", "2");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().startsWith("predicted 3 images, mean foreground fraction "), result.out());
        assertTrue(result.out().contains(" -> " + out.toAbsolutePath()) && result.out().contains(out.resolve("predictions.csv")
                .toString()), result.out());
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
        CliRun result = CliRun.of("predict", "--model", model.toString(), "--images", dir.resolve("none").toString(), "--out",
                out.toString());
        assertEquals(2, result.code());
        assertEquals("segprune: error: the images folder '" + dir.resolve("none") + "' does not exist", result.err().strip());
        assertFalse(Files.exists(out));
        result = CliRun.of("predict", "--model", model.toString(), "--images", images.toString());
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--out"), result.err());
        result = CliRun.of("predict", "--model", model.toString(), "--images", images.toString(), "--out", out.toString(),
                "--batch", "0");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--batch: Batch size [batch_size] must be between 1 and 1024"), result.err());
    }
}
