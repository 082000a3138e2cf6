package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;
import org.segprune.util.CancelledException;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/** Segmentation Predictor on 48x48 phantoms with a 32x32 U-Net: masks come back at the images' size. */
class PredictorStepTest {

    @TempDir
    static Path dir;

    static NodeTable images;
    static SegmentationModel model;

    @BeforeAll
    static void data() {
        PhantomGenerator.generate(dir.resolve("p"), PhantomGenerator.Kind.LUNG, 6, 48, 5, Progress.NONE);
        images = DataReaderStep.run(DataReaderSettings.from(Map.of("images_folder", "p/images", "masks_folder", "p/masks",
                "test_fraction", "0.5")), dir, Progress.NONE);
        model = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 3));
    }

    private static PredictorSettings settings(String... keyValues) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return Steps.PREDICTOR.settings(raw);
    }

    private static BufferedImage decode(Object png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream((byte[]) png));
    }

    @Test
    void theTableHasOnePngMaskPerImageAtTheImagesSizeAndItsForegroundFraction() throws IOException {
        PredictorStep.Predicted result = PredictorStep.run(settings("rows", "test", "batch_size", "2"), model, images, null,
                Progress.NONE);
        NodeTable table = result.table();
        assertEquals(PredictorStep.COLUMNS, table.schema());
        List<String> testStems = images.rows().stream().filter(r -> r.cell(5).equals("test")).map(NodeTable.Row::key).toList();
        assertEquals(testStems, table.rows().stream().map(NodeTable.Row::key).toList());
        for (NodeTable.Row row : table.rows()) {
            BufferedImage mask = decode(row.cell(1));
            assertEquals(48, mask.getWidth());
            assertEquals(48, mask.getHeight());
            int foreground = 0;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    int value = mask.getRaster().getSample(x, y, 0);
                    assertTrue(value == 0 || value == 255, "binary mask");
                    foreground += value == 255 ? 1 : 0;
                }
            }
            assertEquals(foreground / (48.0 * 48), (Double) row.cell(2), 1e-12, row.key());
            assertTrue(row.cell(0).toString().endsWith(row.key() + ".png"));
        }
        assertTrue(table.rows().stream().anyMatch(r -> (Double) r.cell(2) > 0 && (Double) r.cell(2) < 1),
                "the fractions are checked on masks with foreground and background");
        assertNull(result.masksFolder());
    }

    @Test
    void theSameModelAndImagesGiveTheSameMasksWhateverTheBatchSize() {
        NodeTable one = PredictorStep.run(settings("batch_size", "1"), model, images, null, Progress.NONE).table();
        NodeTable four = PredictorStep.run(settings("batch_size", "4"), model, images, null, Progress.NONE).table();
        assertEquals(one.size(), four.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.rows().get(i).cell(2), four.rows().get(i).cell(2));
        }
    }

    @Test
    void onnxRuntimeGivesTheSameForegroundFractionsAsDl4j() {
        NodeTable dl4j = PredictorStep.run(settings("batch_size", "3"), model, images, null, Progress.NONE).table();
        NodeTable ort = PredictorStep.run(settings("batch_size", "3", "runtime", "onnxruntime", "threads", "1"), model, images,
                null, Progress.NONE).table();
        assertEquals(dl4j.size(), ort.size());
        for (int i = 0; i < dl4j.size(); i++) {
            assertEquals(dl4j.rows().get(i).key(), ort.rows().get(i).key());
            assertEquals((Double) dl4j.rows().get(i).cell(2), (Double) ort.rows().get(i).cell(2), 1e-3,
                    "at most a few pixels on the threshold may differ: " + dl4j.rows().get(i).key());
        }
    }

    @Test
    void aFolderOfImagesWithoutMasksIsSegmentedAndTheMasksWrittenAsFiles() throws IOException {
        Path out = dir.resolve("masks-out");
        PredictorStep.Predicted result = PredictorStep.run(settings("source", "folder", "images_folder", "p/images",
                "masks_folder", "masks-out"), model, null, dir, Progress.NONE);
        assertEquals(out.toAbsolutePath(), result.masksFolder());
        assertEquals(6, result.table().size());
        TableSchema schema = result.table().schema();
        assertEquals(PredictorStep.MASK_FILE, schema.columns().get(3).name());
        for (NodeTable.Row row : result.table().rows()) {
            Path file = Path.of(row.cell(3).toString());
            assertEquals(out.resolve(row.key() + ".png").toAbsolutePath(), file);
            assertArrayEquals((byte[]) row.cell(1), Files.readAllBytes(file));
        }
        try (var files = Files.list(out)) {
            assertEquals(6, files.count(), "one file per image, no temporary file left");
        }
    }

    @Test
    void configureNamesWhatIsMissing() {
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> Steps.PREDICTOR.configure(settings(), Arrays.asList(null, null)));
        assertEquals("connect an image table, or set Images from [source] to 'folder'", e.getMessage());
        e = assertThrows(SegPruneException.class, () -> settings("source", "folder"));
        assertEquals("choose the images folder (Images folder [images_folder])", e.getMessage());
        e = assertThrows(SegPruneException.class, () -> Steps.PREDICTOR.configure(settings("image_column", "scan"),
                Arrays.asList(null, images.schema())));
        assertTrue(e.getMessage().startsWith("the image table has no column 'scan' (image paths)"), e.getMessage());
        e = assertThrows(SegPruneException.class, () -> PredictorStep.run(settings("source", "folder", "images_folder",
                "nowhere"), model, null, dir, Progress.NONE));
        assertEquals("the images folder '" + dir.resolve("nowhere") + "' does not exist", e.getMessage());
    }

    @Test
    void aMaskColumnIsNotNeeded() {
        NodeTable pathsOnly = NodeTable.builder(TableSchema.of(new org.segprune.table.Column("image",
                org.segprune.table.ColumnType.STRING))).add("a", images.rows().get(0).cell(0)).build();
        assertEquals(1, PredictorStep.run(settings(), model, pathsOnly, null, Progress.NONE).table().size());
    }

    @Test
    void cancellingStopsBetweenBatches() {
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> PredictorStep.run(settings("batch_size", "1"), model, images, null,
                cancelled));
    }
}
