package org.segprune.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.DilatedDepthwiseConvolution2D;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.train.Trainer;
import org.segprune.train.TrainingResult;
import org.segprune.train.TrainingSettings;
import org.segprune.util.Progress;

/**
 * Dilated depthwise convolutions (MobileNetV3 backbones) import as a layer that runs without libnd4j's oneDNN
 * kernel, which fails on them in M2.1: it saves, loads and trains like any layer and leaves the helpers as found.
 */
class DilatedDepthwiseTest {

    @TempDir
    Path dir;

    @Test
    void dilatedDepthwiseModelSavesLoadsAndFineTunes() {
        Path folder = OnnxTestData.folder("fixtures/dilated_mobile");
        SegmentationModel model = OnnxImporter.read(folder.resolve("model.onnx"), 0);
        long dilated = model.graph().getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex vertex && vertex.getLayerConf().getLayer() instanceof DilatedDepthwiseConvolution2D)
                .count();
        assertEquals(2, dilated, "both dilated depthwise convolutions take the layer without oneDNN");

        boolean helpersBefore = Nd4j.getEnvironment().helpersAllowed();
        Path zip = dir.resolve("mobile.zip");
        ModelIO.save(model, zip, false);
        SegmentationModel back = ModelIO.load(zip);
        INDArray input = OnnxTestData.tensor(folder, "input_0.pb");
        assertEquals(0.0, model.graph().outputSingle(false, input).sub(back.graph().outputSingle(false, input))
                .amaxNumber().doubleValue(), 0.0, "the saved model computes exactly what the imported one did");
        Layer reloaded = back.graph().getLayer(dilatedLayerName(model)).conf().getLayer();
        assertTrue(reloaded instanceof DilatedDepthwiseConvolution2D, "the layer class survives saving");

        SegmentationDataset train = PhantomGenerator.generate(dir.resolve("train"), PhantomGenerator.Kind.LUNG, 4, 32, 3,
                Progress.NONE);
        SegmentationDataset validation = PhantomGenerator.generate(dir.resolve("validation"), PhantomGenerator.Kind.LUNG, 2,
                32, 4, Progress.NONE);
        TrainingResult tuned = Trainer.train(back, train, validation, TrainingSettings.DEFAULTS.withEpochs(1).withBatchSize(2),
                "dilated test", Progress.NONE);
        String name = dilatedLayerName(model);
        assertFalse(tuned.model().graph().getLayer(name).params().equals(back.graph().getLayer(name).params()),
                "back-propagation reached the dilated depthwise weights");
        assertTrue(Double.isFinite(tuned.curve().get(0).loss()));
        assertEquals(helpersBefore, Nd4j.getEnvironment().helpersAllowed(), "the helper switch is restored");
    }

    private static String dilatedLayerName(SegmentationModel model) {
        return model.graph().getConfiguration().getVertices().entrySet().stream()
                .filter(e -> e.getValue() instanceof LayerVertex vertex
                        && vertex.getLayerConf().getLayer() instanceof DilatedDepthwiseConvolution2D)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
