package org.segprune.loss;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.segprune.model.ModelInfo;
import org.segprune.model.SegmentationModel;
import org.segprune.util.SegPruneException;

/**
 * The training loss that matches a model's head: a multi-class model ({@link ModelInfo#multiClass()}) trains with
 * {@link CeDiceLoss} under a softmax (or K > 1 logits) and with {@link BceDiceLoss} per channel under K sigmoid
 * channels (or one logit). Binary masks on one sigmoid channel keep the loss the model carries, so SegPrune's own
 * models train exactly as before; one logits channel trains with {@link BceDiceLoss}. Fine-tuning and
 * attention scoring both train through the model's output layer, so both call this first.
 */
public final class HeadLoss {

    private HeadLoss() {
    }

    /**
     * The loss for the head, or null when the model keeps its own: binary masks on one sigmoid channel. One logits
     * channel with binary masks trains with {@link BceDiceLoss} (which reads it through a sigmoid; the importer's
     * placeholder was mean squared error, hundreds of thousands on a 128x128 batch).
     */
    public static ILossFunction forHead(ModelInfo info) {
        if (info.multiClass()) {
            return info.multiLabel() ? new BceDiceLoss() : new CeDiceLoss();
        }
        if (info.outputChannels() > 1) {
            throw new SegPruneException("the model has " + info.outputChannels() + " output channels (" + info.outputKind()
                    + ") and its masks are binary: to train it, say which mask value is which class, e.g. --mask-values "
                    + "values:0,255 (the Model Reader's Mask values) for background class 0 and foreground class 1");
        }
        return info.outputKind().equals(ModelInfo.OUTPUT_LOGITS) ? new BceDiceLoss() : null;
    }

    /** The model itself if its output layer already has the matching loss, else a copy (same weights) that has it. */
    public static SegmentationModel matching(SegmentationModel model) {
        ILossFunction loss = forHead(model.info());
        if (loss == null) {
            return model;
        }
        ComputationGraphConfiguration conf = model.graph().getConfiguration().clone();
        String output = conf.getNetworkOutputs().get(0);
        if (!(conf.getVertices().get(output) instanceof LayerVertex vertex
                && vertex.getLayerConf().getLayer() instanceof CnnLossLayer head)) {
            throw new SegPruneException("the model's output '" + output + "' is not a per-pixel loss layer (CnnLossLayer);"
                    + " it cannot be trained with the " + loss.name() + " its " + model.info().outputKind() + " head needs");
        }
        if (head.getLossFn() != null && head.getLossFn().getClass() == loss.getClass()) {
            return model;
        }
        head.setLossFn(loss);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(model.graph().params().dup(), false);
        return new SegmentationModel(graph, model.info());
    }
}
