package org.segprune.loss;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** Models saved before the loss moved out of {@code train} name it {@code org.segprune.train.BceDiceLoss}: they still load. */
class BceDiceLossNameTest {

    @Test
    void aConfigurationNamingTheOldClassStillLoads() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(1).build(), "in")
                .addLayer("out", new CnnLossLayer.Builder().lossFunction(new BceDiceLoss()).activation(Activation.SIGMOID)
                        .build(), "conv")
                .setOutputs("out").build();
        String json = conf.toJson();
        assertTrue(json.contains("org.segprune.loss.BceDiceLoss"), "the new name is written");
        String saved = json.replace("org.segprune.loss.BceDiceLoss", "org.segprune.train.BceDiceLoss");
        ComputationGraphConfiguration loaded = ComputationGraphConfiguration.fromJson(saved);
        CnnLossLayer out = (CnnLossLayer) ((LayerVertex) loaded.getVertices().get("out")).getLayerConf().getLayer();
        assertInstanceOf(org.segprune.train.BceDiceLoss.class, out.getLossFn());
    }
}
