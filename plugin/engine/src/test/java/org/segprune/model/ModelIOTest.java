package org.segprune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.SegPruneException;

/** Saving and loading model zips. */
class ModelIOTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    private static SegmentationModel tinyUNet(long seed) {
        return Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, seed));
    }

    private static float[] floats(INDArray array) {
        return array.dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    @Test
    @DisplayName("save then load is bit-exact: every parameter (incl. batch-norm statistics), the configuration and the info")
    void roundTripIsBitExact() {
        SegmentationModel model = tinyUNet(3);
        // non-default values everywhere, including running means/variances (which start at 0 and 1)
        Nd4j.getRandom().setSeed(99);
        INDArray random = Nd4j.rand(DataType.FLOAT, 1, model.graph().numParams()).addi(0.5);
        model.graph().setParams(random);
        SegmentationModel withSteps = new SegmentationModel(model.graph(),
                model.info().with("scored with l1").with("pruned with l1, local ratio 0.5"));

        Path file = dir.resolve("model.zip");
        ModelIO.save(withSteps, file, false);
        SegmentationModel loaded = ModelIO.load(file);

        Map<String, INDArray> expected = withSteps.graph().paramTable();
        Map<String, INDArray> actual = loaded.graph().paramTable();
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertTrue(expected.get(key).equals(actual.get(key)), key);
            assertArrayEquals(floats(expected.get(key)), floats(actual.get(key)), 0f, key); // bit-exact for finite values
        }
        assertArrayEquals(floats(random), floats(loaded.graph().params()), 0f);
        assertEquals(withSteps.graph().getConfiguration().toJson(), loaded.graph().getConfiguration().toJson());
        assertEquals(withSteps.info(), loaded.info());
        assertEquals(List.of("built unet depth 2 base 4 input 1x32x32 seed 3", "scored with l1",
                "pruned with l1, local ratio 0.5"), loaded.info().provenance());
        assertEquals(new ModelInfo("unet", 32, 1, loaded.info().provenance()), loaded.info());
    }

    @Test
    @DisplayName("a loaded model computes the same output as the saved one")
    void loadedModelPredictsTheSame() {
        SegmentationModel model = tinyUNet(4);
        Path file = dir.resolve("model.zip");
        ModelIO.save(model, file, false);
        SegmentationModel loaded = ModelIO.load(file);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32);
        assertArrayEquals(floats(model.graph().outputSingle(false, input)), floats(loaded.graph().outputSingle(false, input)),
                0f);
    }

    /** A model with Adam state (two moments per parameter), filled with non-zero values as after training. */
    private static SegmentationModel withOptimizerState() {
        SegmentationModel model = tinyUNet(5);
        INDArray state = model.graph().getUpdater().getStateViewArray();
        // Adam keeps two moments per trainable parameter: 2 x 7477 (batch-norm running statistics have none)
        assertEquals(2 * 7477, state.length());
        Nd4j.getRandom().setSeed(5);
        state.assign(Nd4j.rand(DataType.FLOAT, state.shape()));
        return model;
    }

    private static boolean hasEntry(Path zip, String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getEntry(name) != null;
        }
    }

    @Test
    @DisplayName("optimizer state is left out unless asked for; both files load")
    void optimizerStateOnlyWhenAsked() throws IOException {
        SegmentationModel model = withOptimizerState();
        Path without = dir.resolve("without.zip");
        Path with = dir.resolve("with.zip");
        ModelIO.save(model, without, false);
        ModelIO.save(model, with, true);

        assertFalse(hasEntry(without, ModelSerializer.UPDATER_BIN), "updater state saved although not asked for");
        assertTrue(hasEntry(with, ModelSerializer.UPDATER_BIN), "updater state missing although asked for");
        assertTrue(hasEntry(without, ModelIO.INFO_ENTRY));
        assertTrue(Files.size(without) < Files.size(with), "Adam state (two moments per parameter) adds bytes");

        SegmentationModel loaded = ModelIO.load(without);
        assertArrayEquals(floats(model.graph().params()), floats(loaded.graph().params()), 0f);
        assertNotNull(ModelIO.load(with));
    }

    private void assertLoadFails(Path file, String fragment) {
        SegPruneException e = assertThrows(SegPruneException.class, () -> ModelIO.load(file));
        assertTrue(e.getMessage().contains(file.toString()), "message names the path: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    @DisplayName("a junk file is rejected with its path")
    void junkFileRejected() throws IOException {
        Path junk = dir.resolve("junk.zip");
        Files.write(junk, "definitely not a zip file".getBytes(StandardCharsets.UTF_8));
        assertLoadFails(junk, "not a DL4J model");
    }

    @Test
    @DisplayName("a zip that is not a DL4J model is rejected with its path")
    void foreignZipRejected() throws IOException {
        Path zip = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("hello.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertLoadFails(zip, "not a DL4J model");
    }

    @Test
    @DisplayName("a missing model file is rejected with its path")
    void missingFileRejected() {
        assertLoadFails(dir.resolve("absent.zip"), "does not exist");
    }

    private List<String> partFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
        }
    }

    @Test
    @DisplayName("a save into a 'folder' that is a file fails with SegPruneException and writes nothing")
    void failedSaveWhenParentIsAFile() throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "keep me");
        Path target = blocker.resolve("model.zip");
        SegPruneException e = assertThrows(SegPruneException.class, () -> ModelIO.save(tinyUNet(6), target, false));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals("keep me", Files.readString(blocker));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), partFiles(dir));
    }

    @Test
    @DisplayName("a save whose final move fails (target is a non-empty folder) leaves no temporary file behind")
    void failedSaveLeavesNoPartialFile() throws IOException {
        Path target = dir.resolve("taken.zip");
        Files.createDirectories(target);
        Files.writeString(target.resolve("inside.txt"), "x");
        assertThrows(SegPruneException.class, () -> ModelIO.save(tinyUNet(7), target, false));
        assertTrue(Files.isDirectory(target));
        assertEquals("x", Files.readString(target.resolve("inside.txt")));
        assertEquals(List.of(), partFiles(dir), "temporary file left behind");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("taken.zip"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
