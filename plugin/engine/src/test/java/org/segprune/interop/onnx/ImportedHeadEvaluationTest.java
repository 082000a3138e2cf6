package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.Sample;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.model.OutputHead;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

/**
 * Evaluation reads the foreground the way the model's head gives it (here a two-channel softmax): with
 * masks that are the model's own thresholded foreground it scores dice 1. Reading a two-channel output
 * as one plane per image (what evaluation did before) scores far less.
 */
class ImportedHeadEvaluationTest {

    @TempDir
    Path dir;

    /** The untrained sigmoid and logits fixtures predict no foreground on phantoms: only the softmax one serves. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"residual_bilinear", "residual_bilinear_opset17"})
    void masksOfTheModelsOwnForegroundScoreDiceOne(String fixture) throws Exception {
        Dl4jRuntime.init();
        SegmentationModel model = OnnxImporter.read(OnnxTestData.folder("fixtures/" + fixture).resolve("model.onnx"), 0);
        SegmentationDataset phantoms = PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, 6,
                model.info().inputSize(), 4, Progress.NONE);
        SampleLoader loader = SampleLoader.forModel(model.info());
        int size = model.info().inputSize();
        int foregroundPixels = 0;
        for (Sample sample : phantoms.samples()) {
            SampleLoader.LoadedImage image = loader.loadImage(sample.image());
            float[] flat = new float[image.planes().length * size * size];
            for (int c = 0; c < image.planes().length; c++) {
                System.arraycopy(image.planes()[c], 0, flat, c * size * size, size * size);
            }
            INDArray output = model.graph().outputSingle(false, Nd4j.create(flat, new long[] {1, image.planes().length, size,
                    size}, 'c'));
            float[] foreground = OutputHead.foreground(output, model.info());
            BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < size * size; p++) {
                boolean on = foreground[p] > Evaluator.THRESHOLD;
                foregroundPixels += on ? 1 : 0;
                mask.getRaster().setSample(p % size, p / size, 0, on ? 255 : 0);
            }
            Files.delete(sample.mask());
            ImageIO.write(mask, "png", sample.mask().toFile());
        }
        assertTrue(foregroundPixels > 0 && foregroundPixels < 6 * size * size, "the masks are not trivial: " + foregroundPixels);
        EvaluationReport report = Evaluator.evaluate(model, fixture, SegmentationDataset.open(dir.resolve("data"),
                Progress.NONE), 4, 1, Progress.NONE, null).report();
        assertEquals(1.0, report.diceMean(), 1e-9, fixture + " (" + model.info().outputKind() + ", "
                + model.info().outputChannels() + " channel(s))");
    }
}
