package org.segprune.multiclass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.data.Batches;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.InferenceForm;
import org.segprune.interop.onnx.OnnxExporter;
import org.segprune.interop.onnx.OnnxImporter;
import org.segprune.interop.onnx.OnnxRuntimeRunner;
import org.segprune.loss.CeDiceLoss;
import org.segprune.model.ClassMaps;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Pruner;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.MagnitudeScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.score.ScoringSettings;
import org.segprune.score.attention.AttentionMethod;
import org.segprune.score.attention.AttentionScorer;
import org.segprune.step.PredictorSettings;
import org.segprune.step.PredictorStep;
import org.segprune.testutil.MultiClassModels;
import org.segprune.train.Trainer;
import org.segprune.train.TrainingResult;
import org.segprune.train.TrainingSettings;
import org.segprune.util.Json;
import org.segprune.util.Progress;

/**
 * A 3-class softmax U-Net (32x32, base 4) through every step: SACA scores, pruning, one epoch of fine-tuning with
 * CeDiceLoss, evaluation with per-class metrics, the DL4J zip round trip, ONNX export run in ONNX Runtime, and
 * predictions written as class-index PNGs.
 */
class MultiClassPipelineTest {

    @TempDir
    static Path dir;

    private static SegmentationModel model;
    private static SegmentationDataset data;

    @BeforeAll
    static void setUp() {
        Dl4jRuntime.init();
        model = MultiClassModels.softmaxUNet(32, 2, 4, 3, 11);
        data = MultiClassModels.phantoms(dir.resolve("data"), 8, 32, 5);
    }

    @Test
    @DisplayName("SACA scores a 3-class model, prunes, fine-tunes, evaluates per class, exports and predicts class indices")
    void wholePipeline() throws Exception {
        ChannelGraph channels = ChannelGraph.of(model);
        ScoringSettings scoring = new ScoringSettings(1, 1e-3, 4, 4, new int[] {1, 2}, 8, ScoringSettings.DEFAULT_GATE_SPARSITY, 42);
        ScoreTable saca = new AttentionScorer(AttentionMethod.SACA).score(new ScoringRequest(model, channels, data, scoring,
                Progress.NONE));
        ScoreTable l1 = MagnitudeScorer.L1.score(new ScoringRequest(model, channels, null, scoring, Progress.NONE));
        assertEquals(channels.prunableLayers(), saca.layers());
        boolean rankingDiffers = saca.layers().stream().anyMatch(layer -> !Arrays.equals(order(saca.scores(layer)),
                order(l1.scores(layer))));
        assertTrue(rankingDiffers, "SACA's gates rank every layer's filters exactly as l1 does");

        SegmentationModel pruned = Pruner.prune(model, saca, PruneSettings.ratio(0.5, 2)).model();
        assertTrue(pruned.graph().numParams() < model.graph().numParams());

        TrainingResult tuned = Trainer.train(pruned, data, data, new TrainingSettings(1, 4, 1e-3,
                TrainingSettings.Schedule.CONSTANT, false, 8, 3), "fine-tune", Progress.NONE);
        SegmentationModel result = tuned.model();
        assertInstanceOf(CeDiceLoss.class, ((CnnLossLayer) result.graph().getLayer("output").conf().getLayer()).getLossFn());
        assertTrue(tuned.bestValidationDice() >= 0 && tuned.bestValidationDice() <= 1, "validation dice "
                + tuned.bestValidationDice());
        assertTrue(result.graph().params().sub(pruned.graph().params()).amaxNumber().doubleValue() > 0, "nothing learned");

        EvaluationReport report = Evaluator.evaluate(result, "tuned", data, 4, 1, Progress.NONE, null).report();
        assertNotNull(report.perClass());
        assertEquals(3, report.perClass().classes());
        assertEquals(2, report.perClass().foreground().size());
        double mean = (report.perClass().foreground().get(0).diceMean() + report.perClass().foreground().get(1).diceMean()) / 2;
        assertEquals(mean, report.perClass().diceMean(), 1e-12);
        JsonNode perClass = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(report)).get("per_class");
        assertEquals(2, perClass.get("foreground").get(1).get("class_index").asInt());
        assertEquals(report.perClass().diceMean(), perClass.get("dice_mean").asDouble(), 1e-12);

        Path zip = dir.resolve("tuned.zip");
        ModelIO.save(result, zip, false);
        SegmentationModel loaded = ModelIO.load(zip);
        assertEquals("class-index", loaded.info().maskValues());
        assertInstanceOf(CeDiceLoss.class, ((CnnLossLayer) loaded.graph().getLayer("output").conf().getLayer()).getLossFn());
        Batches.Batch batch = Batches.inOrder(data, SampleLoader.forModel(result.info()), 4).iterator().next();
        assertEquals(0, OnnxRuntimeRunner.maxAbsDifference(result.graph().outputSingle(false, batch.features()),
                loaded.graph().outputSingle(false, batch.features())), 1e-6);

        byte[] onnx = OnnxExporter.convert(result, OnnxExporter.Options.DEFAULTS, Progress.NONE).toByteArray();
        INDArray dl4j = result.graph().outputSingle(false, batch.features());
        double difference = OnnxRuntimeRunner.maxAbsDifference(dl4j, OnnxRuntimeRunner.run(onnx, batch.features()));
        assertTrue(difference < 1e-4, "ONNX Runtime differs from DL4J by " + difference);
        Path onnxFile = dir.resolve("tuned.onnx");
        Files.write(onnxFile, onnx);
        SegmentationModel reread = OnnxImporter.read(onnxFile, 0);
        assertEquals("class-index", reread.info().maskValues(), "the mask values travel in the ONNX metadata");
        assertEquals(3, reread.info().classCount());

        Path masks = dir.resolve("predicted");
        PredictorStep.run(PredictorSettings.from(Map.of(PredictorSettings.SOURCE, PredictorSettings.FOLDER,
                PredictorSettings.IMAGES_FOLDER, dir.resolve("data/images").toString(), PredictorSettings.MASKS_FOLDER,
                masks.toString())), result, null, dir, Progress.NONE);
        ComputationGraph inference = InferenceForm.of(result).graph();
        int[] expected = ClassMaps.of(inference.outputSingle(false, batch.features()), result.info()).labels();
        int agree = 0;
        for (int i = 0; i < 4; i++) {
            BufferedImage mask = ImageIO.read(masks.resolve(batch.stems().get(i) + ".png").toFile());
            for (int p = 0; p < 32 * 32; p++) {
                int value = mask.getRaster().getSample(p % 32, p / 32, 0);
                assertTrue(value >= 0 && value <= 2, "mask value " + value + " is not a class index");
                agree += value == expected[i * 32 * 32 + p] ? 1 : 0;
            }
        }
        assertEquals(4 * 32 * 32, agree, "predicted PNGs hold the class of every pixel");
        assertTrue(Files.list(masks).count() >= data.size());
    }

    /** Filter indices by descending score. */
    private static int[] order(double[] scores) {
        return IntStream.range(0, scores.length).boxed().sorted((a, b) -> Double.compare(scores[b], scores[a]))
                .mapToInt(Integer::intValue).toArray();
    }
}
