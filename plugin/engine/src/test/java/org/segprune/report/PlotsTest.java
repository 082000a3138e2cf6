package org.segprune.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.report.PlotData.BudgetResult;
import org.segprune.report.PlotData.ChannelProfile;
import org.segprune.report.PlotData.Curve;
import org.segprune.train.EpochRecord;
import org.segprune.util.SegPruneException;

class PlotsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private static List<BudgetResult> results() {
        List<BudgetResult> results = new ArrayList<>();
        String[] methods = {"l1", "l2", "se", "sbca"};
        double[] budgets = {0.10, 0.05, 0.011};
        for (int m = 0; m < methods.length; m++) {
            for (double budget : budgets) {
                for (long seed = 1; seed <= 3; seed++) {
                    double left = budget * (0.95 + 0.01 * seed);
                    double after = 0.9 - 0.02 * m * (0.1 / budget) / 10 - 0.01 * seed;
                    results.add(new BudgetResult(methods[m], budget, seed, left, after - 0.3 - 0.05 * m, after));
                }
            }
        }
        return results;
    }

    private static List<ChannelProfile> profiles() {
        List<String> layers = List.of("enc0_conv1", "enc0_conv2", "enc1_conv1", "enc1_conv2", "bottleneck_conv1",
                "bottleneck_conv2", "up1", "dec1_conv1", "dec1_conv2", "up0", "dec0_conv1", "dec0_conv2");
        int[] before = {8, 8, 16, 16, 32, 32, 16, 16, 16, 8, 8, 8};
        return List.of(new ChannelProfile("l1", layers, new int[] {6, 5, 8, 7, 4, 4, 6, 7, 8, 5, 6, 7}, before),
                new ChannelProfile("sbca", layers, new int[] {8, 7, 10, 9, 2, 3, 4, 6, 7, 6, 7, 8}, before));
    }

    private static List<Curve> curves() {
        List<EpochRecord> base = new ArrayList<>();
        List<EpochRecord> tuned = new ArrayList<>();
        for (int epoch = 1; epoch <= 15; epoch++) {
            base.add(new EpochRecord(epoch, 1.0 / epoch, 0.9 * (1 - Math.exp(-epoch / 3.0)), 1e-3, 1));
            tuned.add(new EpochRecord(epoch, 0.5 / epoch, 0.6 + 0.25 * (1 - Math.exp(-epoch / 2.0)), 1e-3, 1));
        }
        return List.of(new Curve("base model", base), new Curve("sbca @ 1.1 %", tuned));
    }

    private static void assertPng(Path file, int width, int height) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), file + " is not a PNG");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth(), file.toString());
        assertEquals(height, image.getHeight(), file.toString());
    }

    @Test
    @DisplayName("every plot is a valid PNG of the requested size, and nothing else is left in the folder")
    void writesPngsOfTheRequestedSize() throws IOException {
        Plots.diceAgainstParameters(results(), dir.resolve("dice-vs-params.png"), 900, 600);
        Plots.diceBeforeAndAfterFineTuning(results(), dir.resolve("dice-before-after.png"), 700, 600);
        Plots.keptChannelProfile(profiles(), dir.resolve("kept-channels.png"), 1000, 500);
        Plots.learningCurves(curves(), dir.resolve("curves.png"), 800, 500);
        assertPng(dir.resolve("dice-vs-params.png"), 900, 600);
        assertPng(dir.resolve("dice-before-after.png"), 700, 600);
        assertPng(dir.resolve("kept-channels.png"), 1000, 500);
        assertPng(dir.resolve("curves.png"), 800, 500);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(4, files.count(), "no temporary files left behind");
        }
    }

    @Test
    @DisplayName("bad input is a one-line error naming the plot, and an existing file is left as it was")
    void badInputIsAClearErrorAndWritesNothing() throws IOException {
        Path png = dir.resolve("plot.png");
        Files.writeString(png, "previous");
        SegPruneException empty = assertThrows(SegPruneException.class,
                () -> Plots.diceAgainstParameters(List.of(), png, 800, 600));
        assertTrue(empty.getMessage().contains("dice against parameters left") && empty.getMessage().contains("no results"),
                empty.getMessage());
        SegPruneException noEpochs = assertThrows(SegPruneException.class,
                () -> Plots.learningCurves(List.of(new Curve("sbca", List.of())), png, 800, 600));
        assertTrue(noEpochs.getMessage().contains("'sbca' has no epochs"), noEpochs.getMessage());
        assertThrows(SegPruneException.class, () -> Plots.keptChannelProfile(List.of(), png, 800, 600));
        assertThrows(SegPruneException.class, () -> Plots.diceBeforeAndAfterFineTuning(results(), png, 50, 600));
        SegPruneException zero = assertThrows(SegPruneException.class, () -> Plots.diceAgainstParameters(
                List.of(new BudgetResult("l1", 0.1, 1, 0, 0.5, 0.6)), png, 800, 600));
        assertTrue(zero.getMessage().contains("outside (0, 1]"), zero.getMessage());
        List<ChannelProfile> mismatched = List.of(profiles().get(0), new ChannelProfile("se", List.of("a"), new int[] {1},
                new int[] {2}));
        assertThrows(SegPruneException.class, () -> Plots.keptChannelProfile(mismatched, png, 800, 600));
        for (String message : List.of(empty.getMessage(), noEpochs.getMessage(), zero.getMessage())) {
            assertTrue(!message.contains("\n"), "one line: " + message);
        }
        assertEquals("previous", Files.readString(png));
    }
}
