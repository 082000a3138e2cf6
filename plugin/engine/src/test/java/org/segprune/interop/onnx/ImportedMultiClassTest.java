package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.segprune.data.Batches;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.evaluate.PerClassReport;
import org.segprune.model.ClassMaps;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.testutil.MultiClassModels;
import org.segprune.train.Trainer;
import org.segprune.train.TrainingSettings;
import org.segprune.util.Progress;

/**
 * PyTorch-exported U-Nets with two sigmoid channels (multi-label) and a 3-class softmax, read with class-index masks:
 * masks made of the model's own class labels score per-class dice 1 (softmax; sigmoid channels: as counted by hand,
 * since two channels can claim one pixel), and one epoch of fine-tuning trains with the
 * head's loss (BCE + dice per channel, cross-entropy + dice).
 */
class ImportedMultiClassTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unet_sigmoid2, 3, org.segprune.loss.BceDiceLoss", "unet_softmax3, 3, org.segprune.loss.CeDiceLoss"})
    void ownLabelsScoreOneAndFineTuningUsesTheHeadsLoss(String fixture, int classes, String loss) throws Exception {
        Dl4jRuntime.init();
        SegmentationModel imported = OnnxImporter.read(OnnxTestData.folder("fixtures/" + fixture).resolve("model.onnx"), 0);
        SegmentationModel model = new SegmentationModel(imported.graph(), imported.info().withMaskValues("class-index"));
        assertEquals(classes, model.info().classCount());
        SegmentationDataset data = MultiClassModels.phantoms(dir.resolve("data"), 4, 32, 3);
        // replace every mask by the model's own labels of its image
        SampleLoader loader = SampleLoader.forModel(model.info());
        Batches.Batch batch = Batches.inOrder(data, loader, 4).iterator().next();
        ClassMaps maps = ClassMaps.of(model.graph().outputSingle(false, batch.features()), model.info());
        int[] labels = maps.labels();
        for (int i = 0; i < batch.size(); i++) {
            BufferedImage mask = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 32 * 32; p++) {
                mask.getRaster().setSample(p % 32, p / 32, 0, labels[i * 32 * 32 + p]);
            }
            ImageIO.write(mask, "png", dir.resolve("data/masks/" + batch.stems().get(i) + ".png").toFile());
        }
        assertTrue(Arrays.stream(labels).distinct().count() >= 2, fixture + " labels every pixel alike");

        EvaluationReport report = Evaluator.evaluate(model, fixture, data, 4, 1, Progress.NONE, null).report();
        PerClassReport perClass = report.perClass();
        assertNotNull(perClass);
        assertEquals(classes - 1, perClass.foreground().size());
        for (PerClassReport.ClassSummary summary : perClass.foreground()) {
            // a softmax labels each pixel with its one predicted class: dice 1; sigmoid channels may both exceed 0.5
            // where the label map (one class per pixel) keeps the more probable: dice as counted here
            int c = summary.classIndex();
            long both = 0;
            long predicted = 0;
            long labelled = 0;
            for (int p = 0; p < labels.length; p++) {
                boolean on = maps.predicted()[c][p] > 0;
                predicted += on ? 1 : 0;
                labelled += labels[p] == c ? 1 : 0;
                both += on && labels[p] == c ? 1 : 0;
            }
            double expected = predicted + labelled == 0 ? 1 : 2.0 * both / (predicted + labelled);
            assertEquals(expected, summary.dicePooled(), 1e-12, fixture + " class " + c);
            if (!model.info().multiLabel()) {
                assertEquals(1.0, summary.dicePooled(), 1e-12);
            }
        }

        SegmentationModel tuned = Trainer.train(model, data, null, new TrainingSettings(1, 2, 1e-3,
                TrainingSettings.Schedule.CONSTANT, false, 8, 1), "fine-tune", Progress.NONE).model();
        ILossFunction used = ((CnnLossLayer) tuned.graph().getLayer(tuned.graph().getConfiguration().getNetworkOutputs().get(0))
                .conf().getLayer()).getLossFn();
        assertEquals(loss, used.getClass().getName());
        assertTrue(tuned.graph().params().sub(model.graph().params()).amaxNumber().doubleValue() > 0, "nothing learned");
    }
}
