package org.segprune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.testutil.CliRun;
import org.segprune.data.PhantomGenerator;
import org.segprune.interop.onnx.OnnxExporter;
import org.segprune.interop.onnx.OnnxMetadata;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.MultiClassModels;
import org.segprune.util.Progress;

/** The command line: user errors end with exit code 2 and one line, nothing written; the whole pipeline at toy size. */
class SegPruneCliTest {

    @TempDir
    static Path shared;

    private static Path model;
    private static Path scores;
    private static Path data;

    @BeforeAll
    static void inputs() throws IOException {
        Dl4jRuntime.init();
        model = shared.resolve("model.zip");
        ModelIO.save(Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 1)), model, false);
        scores = shared.resolve("scores.csv");
        Files.writeString(scores, "layer,filter,score,rank\nenc0_conv1,0,1.0,1\n");
        data = shared.resolve("data");
        PhantomGenerator.generate(data, PhantomGenerator.Kind.LUNG, 2, 16, 3, Progress.NONE);
    }



    @Test
    @DisplayName("info prints the model's format, shape, head, size and prunable layers as JSON, for a zip and an ONNX file")
    void infoDescribesDl4jAndOnnxModels() throws Exception {
        JsonNode zip = new ObjectMapper().readTree(CliRun.of("info", "--model", model.toString()).out());
        assertEquals("dl4j", zip.get("format").asText());
        assertEquals("[1,1,32,32]", zip.get("input_shape").toString());
        assertEquals("sigmoid", zip.get("output").get("kind").asText());
        assertTrue(zip.get("params").asLong() > 1000 && zip.get("gflops").asDouble() > 0);
        assertTrue(zip.get("prunable_layers").toString().contains("enc0_conv1"));
        assertEquals("head", zip.get("not_prunable").get(0).get("layer").asText());

        Path onnx = shared.resolve("exported.bin");
        Files.copy(Path.of(getClass().getResource("/org/segprune/interop/onnx/fixtures/residual_bilinear/model.onnx").toURI()), onnx);
        JsonNode imported = new ObjectMapper().readTree(CliRun.of("info", "--model", onnx.toString()).out());
        assertEquals("onnx", imported.get("format").asText());
        assertEquals("[1,3,32,32]", imported.get("input_shape").toString());
        assertEquals("softmax", imported.get("output").get("kind").asText());
        assertEquals(2, imported.get("output").get("channels").asInt());
        assertTrue(imported.get("not_prunable").toString().contains("feeds the network output"), imported.toString());

        JsonNode set = new ObjectMapper().readTree(CliRun.of("info", "--model", onnx.toString(), "--channels", "bgr",
                "--normalize", "mean-std:0.5,0.25", "--output-channel", "0").out());
        assertEquals("bgr", set.get("preprocessing").get("channels").asText());
        assertEquals("mean-std:0.5,0.25", set.get("preprocessing").get("normalize").asText());
        assertEquals(0, set.get("output").get("foreground_channel").asInt());
        assertUserError(CliRun.of("info", "--model", onnx.toString(), "--channels", "grey"), "channel order 'grey'");
        assertUserError(CliRun.of("info", "--model", onnx.toString(), "--normalize", "z-score"), "--normalize");
        assertEquals("dataset-std", new ObjectMapper().readTree(CliRun.of("info", "--model", onnx.toString(), "--normalize",
                "dataset-std").out()).get("preprocessing").get("normalize").asText(), "resolved by the first step with data");
    }

    @Test
    @DisplayName("--mask-values is a model option: shown by info (binary by default), bad settings are user errors")
    void maskValuesOption() throws Exception {
        Path onnx = shared.resolve("softmax3.onnx");
        Files.copy(Path.of(getClass().getResource("/org/segprune/interop/onnx/fixtures/unet_softmax3/model.onnx").toURI()),
                onnx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JsonNode plain = new ObjectMapper().readTree(CliRun.of("info", "--model", onnx.toString()).out());
        assertEquals("binary", plain.get("preprocessing").get("mask_values").asText());
        JsonNode classes = new ObjectMapper().readTree(CliRun.of("info", "--model", onnx.toString(), "--mask-values",
                "values:0,128,255").out());
        assertEquals("values:0,128,255", classes.get("preprocessing").get("mask_values").asText());
        assertUserError(CliRun.of("info", "--model", onnx.toString(), "--mask-values", "values:0,64,128,255"), "name 4 classes");
        assertUserError(CliRun.of("info", "--model", onnx.toString(), "--mask-values", "colours"), "mask values 'colours'");

        // class-index masks: evaluate (per-class block and columns), fine-tune (the setting is stored), predict
        Path data = shared.resolve("classes");
        MultiClassModels.phantoms(data, 6, 32, 8);
        assertUserError(CliRun.of("evaluate", "--model", onnx.toString(), "--data", data.toString(), "--out",
                shared.resolve("binary.json").toString()), "not binary");
        Path report = shared.resolve("classes.json");
        Path perImage = shared.resolve("classes.csv");
        CliRun evaluated = CliRun.of("evaluate", "--model", onnx.toString(), "--mask-values", "class-index", "--data", data.toString(),
                "--out", report.toString(), "--per-image", perImage.toString(), "--latency-runs", "20");
        assertEquals(0, evaluated.code(), evaluated.err());
        JsonNode perClass = new ObjectMapper().readTree(report.toFile()).get("per_class");
        assertEquals(3, perClass.get("classes").asInt());
        assertEquals(2, perClass.get("foreground").size());
        assertTrue(Files.readAllLines(perImage).get(0).contains("dice_class2"), Files.readAllLines(perImage).get(0));
        Path tuned = shared.resolve("classes-tuned.zip");
        CliRun finetuned = CliRun.of("finetune", "--model", onnx.toString(), "--mask-values", "class-index", "--data",
                data.toString(), "--epochs", "1", "--out", tuned.toString());
        assertEquals(0, finetuned.code(), finetuned.err());
        assertEquals("class-index", new ObjectMapper().readTree(CliRun.of("info", "--model", tuned.toString()).out())
                .get("preprocessing").get("mask_values").asText());
        Path predicted = shared.resolve("classes-predicted");
        CliRun predictions = CliRun.of("predict", "--model", tuned.toString(), "--images", data.resolve("images").toString(),
                "--out", predicted.toString());
        assertEquals(0, predictions.code(), predictions.err());
        BufferedImage mask = ImageIO.read(predicted.resolve("p00.png").toFile());
        for (int p = 0; p < 32 * 32; p++) {
            assertTrue(mask.getRaster().getSample(p % 32, p / 32, 0) <= 2, "not a class index");
        }
        // compare reads the masks as the given model does
        Path compared = shared.resolve("classes-compare");
        CliRun comparison = CliRun.of("compare", "--data", data.toString(), "--model", onnx.toString(), "--mask-values", "class-index",
                "--methods", "l1", "--keep-params", "0.5", "--finetune-epochs", "1", "--min-channels", "1",
                "--test-fraction", "0.34", "--out", compared.toString());
        assertEquals(0, comparison.code(), comparison.err());
        assertTrue(Files.readString(compared.resolve("compare.md")).contains("| l1 |"), Files.readString(compared.resolve("compare.md")));
    }

    @Test
    @DisplayName("info on a file that is no model is a one-line user error")
    void infoRejectsJunk() throws IOException {
        Path junk = shared.resolve("junk.onnx");
        Files.writeString(junk, "no model here");
        assertUserError(CliRun.of("info", "--model", junk.toString()), "junk.onnx");
    }

    /** Exit code 2, exactly one stderr line "segprune: error: ..." containing {@code fragment}, nothing on stdout. */
    private static void assertUserError(CliRun run, String fragment, Path... mustNotExist) {
        assertEquals(2, run.code(), "exit code; stderr: " + run.err());
        assertEquals(1, run.errLines().size(), "stderr lines: " + run.err());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("segprune: error: "), line);
        assertTrue(line.contains(fragment), "expected '" + fragment + "' in: " + line);
        assertEquals("", run.out());
        for (Path path : mustNotExist) {
            assertFalse(Files.exists(path), path + " was written");
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @DisplayName("train with a missing data folder: exit 2, one error line naming the folder, no model written")
    void missingDataFolder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m.zip");
        Path missing = dir.resolve("no-such-data");
        assertUserError(CliRun.of("train", "--data", missing.toString(), "--arch", "unet", "--size", "32", "--depth", "2", "--base",
                "4", "--out", out.toString()), missing.toString(), out);
        assertEquals(List.of(), names(dir));
    }

    @Test
    @DisplayName("train with half-paired data (an image without mask): exit 2, naming the image, no model written")
    void halfPairedData(@TempDir Path dir) throws IOException {
        Path half = dir.resolve("half");
        PhantomGenerator.generate(half, PhantomGenerator.Kind.LUNG, 2, 16, 1, Progress.NONE);
        Files.delete(half.resolve("masks/lung_0001.png"));
        Path out = dir.resolve("m.zip");
        assertUserError(CliRun.of("train", "--data", half.toString(), "--arch", "unet", "--size", "32", "--depth", "2", "--base", "4",
                "--out", out.toString()), "'lung_0001.png' has no mask", out);
    }

    @Test
    @DisplayName("score a junk model file: exit 2, naming the file, no scores written")
    void junkModelFile(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.zip");
        Files.writeString(junk, "not a model");
        Path out = dir.resolve("s.csv");
        assertUserError(CliRun.of("score", "--model", junk.toString(), "--method", "l1", "--out", out.toString()), junk.toString(),
                out);
    }

    @Test
    @DisplayName("score with bad attention settings: exit 2, naming the option, no scores written")
    void badAttentionSettings(@TempDir Path dir) {
        Path out = dir.resolve("s.csv");
        assertUserError(CliRun.of("score", "--model", model.toString(), "--method", "saca", "--data", dir.toString(),
                "--saca-grids", "1,x", "--out", out.toString()), "--saca-grids: SACA grid sizes must be positive whole numbers", out);
        assertUserError(CliRun.of("score", "--model", model.toString(), "--method", "se", "--data", dir.toString(),
                "--gate-sparsity", "-1", "--out", out.toString()), "--gate-sparsity: Gate sparsity must be a number in [0, 1)", out);
    }

    @Test
    @DisplayName("prune --ratio 1.5: exit 2, naming the option and the Filter Pruner's bounds, no pruned model or plan written")
    void ratioOutOfRange(@TempDir Path dir) {
        Path out = dir.resolve("p.zip");
        Path plan = dir.resolve("plan.json");
        assertUserError(CliRun.of("prune", "--model", model.toString(), "--scores", scores.toString(), "--ratio", "1.5", "--out",
                out.toString(), "--plan", plan.toString()), "--ratio: Ratio [ratio] must be between 0.01 and 0.99, got 1.5", out, plan);
    }

    @Test
    @DisplayName("prune with both --ratio and --keep-params: exit 2, no output")
    void ratioAndKeepParams(@TempDir Path dir) {
        Path out = dir.resolve("p.zip");
        assertUserError(CliRun.of("prune", "--model", model.toString(), "--scores", scores.toString(), "--ratio", "0.5",
                "--keep-params", "0.2", "--out", out.toString()), "exactly one of --ratio", out);
    }

    @Test
    @DisplayName("an unknown option: exit 2, naming the option, no output")
    void unknownOption(@TempDir Path dir) {
        Path out = dir.resolve("p.zip");
        assertUserError(CliRun.of("prune", "--model", model.toString(), "--scores", scores.toString(), "--ratio", "0.5", "--out",
                out.toString(), "--ratoi", "0.3"), "--ratoi", out);
    }

    @Test
    @DisplayName("an unknown scoring method: exit 2, naming it, no scores written")
    void unknownMethod(@TempDir Path dir) {
        Path out = dir.resolve("s.csv");
        assertUserError(CliRun.of("score", "--model", model.toString(), "--method", "nope", "--out", out.toString()),
                "unknown scoring method 'nope'", out);
    }

    @Test
    @DisplayName("an unknown command: exit 2, one error line")
    void unknownCommand() {
        assertUserError(CliRun.of("shrink", "--model", model.toString()), "unknown command 'shrink'");
    }

    @Test
    @DisplayName("scores of a different model: exit 2, naming the uncovered layer, no pruned model written")
    void scoresForAnotherModel(@TempDir Path dir) {
        Path out = dir.resolve("p.zip");
        assertUserError(CliRun.of("prune", "--model", model.toString(), "--scores", scores.toString(), "--ratio", "0.5", "--out",
                out.toString()), "'enc0_conv1' has 4 filters but the scores give 1", out);
    }

    @Test
    @DisplayName("evaluate with a missing --out: exit 2, the message names the option")
    void missingRequiredOption() {
        assertUserError(CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString()), "needs --out");
    }

    @Test
    @DisplayName("split of a single pair: exit 2, one error line, no output folder")
    void splitOfSinglePair(@TempDir Path dir) {
        Path one = dir.resolve("one");
        PhantomGenerator.generate(one, PhantomGenerator.Kind.LUNG, 1, 16, 1, Progress.NONE);
        Path out = dir.resolve("split");
        assertUserError(CliRun.of("split", "--data", one.toString(), "--test-fraction", "0.2", "--out", out.toString()), "split", out);
    }

    @Test
    @DisplayName("train whose validation split leaves no training image: exit 2, no model written")
    void trainWithoutTrainingImages(@TempDir Path dir) {
        Path out = dir.resolve("m.zip");
        assertUserError(CliRun.of("train", "--data", data.toString(), "--arch", "unet", "--size", "16", "--depth", "1", "--base", "2",
                "--epochs", "1", "--val-fraction", "0.9", "--out", out.toString()), "val", out);
    }

    private static final List<String> REPORT_KEYS = List.of("dice_mean", "dice_sd", "dice_pooled", "iou_mean",
            "precision_mean", "recall_mean", "specificity_mean", "params", "params_with_bn_stats", "size_mb", "macs", "gflops",
            "latency_ms", "threads", "images", "input_shape");

    @Test
    @DisplayName("export as onnx (batch norm folded, or kept) and as dl4j: the files read back, the ONNX one with the model's metadata")
    void exportOnnxAndDl4j(@TempDir Path dir) throws IOException {
        Path folded = dir.resolve("folded.onnx");
        CliRun run = CliRun.of("export", "--model", model.toString(), "--format", "onnx", "--out", folded.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("exported "), run.out());
        Path kept = dir.resolve("kept.onnx");
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--format", "onnx", "--fold-batchnorm", "false", "--out",
                kept.toString()).code());
        onnx.Onnx.ModelProto foldedModel = onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(folded));
        onnx.Onnx.ModelProto keptModel = onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(kept));
        assertFalse(OnnxExporter.opTypes(foldedModel).contains("BatchNormalization"));
        assertTrue(OnnxExporter.opTypes(keptModel).contains("BatchNormalization"));
        assertEquals("unet", OnnxMetadata.read(foldedModel).orElseThrow().architecture());

        Path zip = dir.resolve("copy.zip");
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--format", "dl4j", "--out", zip.toString()).code());
        assertEquals(ModelIO.load(model).graph().numParams(), ModelIO.load(zip).graph().numParams());
    }

    @Test
    @DisplayName("export with an unknown format or a bad --fold-batchnorm: exit 2, naming the setting, nothing written")
    void exportBadSettings(@TempDir Path dir) {
        Path out = dir.resolve("m.out");
        assertUserError(CliRun.of("export", "--model", model.toString(), "--format", "tflite", "--out", out.toString()),
                "unknown export format 'tflite'", out);
        assertUserError(CliRun.of("export", "--model", model.toString(), "--format", "onnx", "--fold-batchnorm", "yes", "--out",
                out.toString()), "--fold-batchnorm", out);
        assertUserError(CliRun.of("export", "--model", model.toString(), "--format", "dl4j", "--fold-batchnorm", "false", "--out",
                out.toString()), "--fold-batchnorm", out);
    }

    private static void ok(CliRun run) {
        assertEquals(0, run.code(), "stderr: " + run.err());
    }

    @Test
    @DisplayName("happy path: phantoms -> train -> score l1 -> prune 0.5 -> finetune -> evaluate, at toy size")
    void wholePipeline(@TempDir Path dir) throws IOException {
        Path phantoms = dir.resolve("phantoms");
        Path base = dir.resolve("base.zip");
        Path scoresFile = dir.resolve("scores.csv");
        Path pruned = dir.resolve("pruned.zip");
        Path plan = dir.resolve("plan.json");
        Path tuned = dir.resolve("tuned.zip");
        Path report = dir.resolve("report.json");
        Path perImage = dir.resolve("images.csv");

        ok(CliRun.of("phantoms", "--kind", "lung", "--count", "12", "--size", "32", "--seed", "5", "--out", phantoms.toString()));
        ok(CliRun.of("train", "--data", phantoms.toString(), "--arch", "unet", "--size", "32", "--depth", "2", "--base", "4",
                "--epochs", "1", "--batch", "4", "--out", base.toString()));
        ok(CliRun.of("score", "--model", base.toString(), "--method", "l1", "--out", scoresFile.toString()));
        ok(CliRun.of("prune", "--model", base.toString(), "--scores", scoresFile.toString(), "--ratio", "0.5", "--min-channels", "1",
                "--out", pruned.toString(), "--plan", plan.toString()));
        ok(CliRun.of("finetune", "--model", pruned.toString(), "--data", phantoms.toString(), "--epochs", "1", "--batch", "4",
                "--out", tuned.toString()));
        ok(CliRun.of("evaluate", "--model", tuned.toString(), "--data", phantoms.toString(), "--out", report.toString(),
                "--per-image", perImage.toString()));

        for (Path file : List.of(base, scoresFile, pruned, plan, tuned, report, perImage)) {
            assertTrue(Files.isRegularFile(file), file + " missing");
        }
        assertEquals(12, names(phantoms.resolve("images")).size());

        ObjectMapper json = new ObjectMapper();
        JsonNode r = json.readTree(report.toFile());
        for (String key : REPORT_KEYS) {
            assertTrue(r.has(key), "report lacks '" + key + "'");
        }
        assertEquals(12, r.get("images").asInt());
        long[] shape = new long[4];
        for (int i = 0; i < 4; i++) {
            shape[i] = r.get("input_shape").get(i).asLong();
        }
        assertArrayEquals(new long[] {1, 1, 32, 32}, shape);
        double dice = r.get("dice_mean").asDouble();
        assertTrue(dice >= 0 && dice <= 1, "dice " + dice);

        // ratio 0.5 halves every prunable layer: 4 -> 2, 8 -> 4, 16 -> 8. Trainable parameters by hand:
        // enc0 18 + 36, enc1 72 + 144, bottleneck 288 + 576, up1 4*8*4 + 4 = 132, dec1 9*8*4 + 144 = 288 + 144,
        // up0 4*4*2 + 2 = 34, dec0 9*4*2 + 36 = 72 + 36, head 2 + 1, batch norms 2 * 40 = 80: 1923 (base: 7477)
        assertEquals(1923, r.get("params").asLong());
        assertEquals(1923 + 80, r.get("params_with_bn_stats").asLong());
        assertEquals(1923 * 4 / 1e6, r.get("size_mb").asDouble(), 1e-12);
        // MACs: 18432 + 36864 + 18432 + 36864 + 18432 + 36864 + 8192 + 73728 + 36864 + 8192 + 73728 + 36864 + 2048
        assertEquals(405_504, r.get("macs").asLong());
        assertEquals(2 * 405_504 / 1e9, r.get("gflops").asDouble(), 1e-15);
        assertTrue(r.get("latency_ms").asDouble() > 0);
        assertTrue(r.get("threads").asInt() >= 1);

        JsonNode p = json.readTree(plan.toFile());
        assertEquals(7477, p.get("params_before").asLong());
        assertEquals(1923, p.get("params_after").asLong());
        assertEquals("l1", p.get("method").asText(), "the plan names the scoring method, not the scores file");
        assertTrue(p.get("params_after").asLong() < p.get("params_before").asLong());
        assertEquals(12, p.get("layers").size());
        for (JsonNode layer : p.get("layers")) {
            assertEquals(layer.get("channels_before").asInt() / 2, layer.get("channels_after").asInt(), layer.toString());
        }
        assertTrue(ModelIO.load(pruned).graph().numParams() < ModelIO.load(base).graph().numParams());

        List<String> rows = Files.readAllLines(perImage, StandardCharsets.UTF_8);
        assertEquals(13, rows.size(), "header + one row per image");
        assertTrue(rows.get(0).startsWith("image,dice,iou"), rows.get(0));
        assertTrue(rows.get(0).endsWith(",hd95,assd"), rows.get(0));
        int images = r.get("images").asInt();
        int undefined = r.get("boundary_undefined").asInt();
        assertTrue(undefined >= 0 && undefined <= images, "boundary_undefined " + undefined);
        for (String key : List.of("hd95_mean", "hd95_sd", "assd_mean", "assd_sd")) {
            assertTrue(r.has(key), "report lacks '" + key + "'");
        }
        if (undefined < images) {
            assertTrue(r.get("hd95_mean").asDouble() >= 0 && r.get("assd_mean").asDouble() >= 0, r.toString());
        }
        List<String> provenance = json.convertValue(r.get("provenance"), json.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertEquals(4, provenance.size(), "built, trained, pruned, fine-tuned: " + provenance);
    }
}
