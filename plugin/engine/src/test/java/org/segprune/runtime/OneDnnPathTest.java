package org.segprune.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;

/**
 * Guards the 8x speed of DL4J M2.1 on CPU: every (non-transposed) convolution must run through a
 * oneDNN helper, in inference and in training, without a single fallback to the built-in path.
 */
class OneDnnPathTest {

    @Test
    void convolutionsRunOnOneDnnInTrainingAndInference() throws Exception {
        Dl4jRuntime.init();
        assertEquals("false", System.getProperty(Dl4jRuntime.HELPERS_DISABLE));
        SegmentationModel model = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 1));
        var features = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32);
        var labels = Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32).gt(0.5).castTo(DataType.FLOAT);
        model.graph().fit(new DataSet(features, labels));
        model.graph().outputSingle(false, features);
        assertTrue(Dl4jRuntime.convolutionHelperActive(model.graph()), "first convolution has no oneDNN helper");
        Field failures = ConvolutionLayer.class.getDeclaredField("helperCountFail");
        failures.setAccessible(true);
        int convolutions = 0;
        for (Layer layer : model.graph().getLayers()) {
            // DL4J has no oneDNN helper for transposed convolutions (Deconvolution2DLayer extends ConvolutionLayer).
            if (layer.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer conv = (ConvolutionLayer) layer;
                convolutions++;
                assertTrue(conv.getHelper() != null && conv.getHelper().getClass().getSimpleName().startsWith("MKLDNN"),
                        layer.getConfig().getLayerName() + " has helper " + conv.getHelper());
                assertEquals(0, failures.getInt(conv), layer.getConfig().getLayerName() + " fell back to the built-in path");
            }
        }
        assertTrue(convolutions > 5);
    }
}
