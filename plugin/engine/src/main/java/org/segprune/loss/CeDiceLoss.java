package org.segprune.loss;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The loss of a K-class softmax head: cross-entropy (mean over pixels) plus the mean over the foreground classes
 * (1..K-1; class 0 is background) of the soft dice loss (1 - dice over the mini-batch, smoothed by 1). DL4J's
 * CnnLossLayer hands the loss one row per pixel with one column per class; labels are one-hot. A head whose
 * activation is the identity (imported logits) is read through a softmax here, so its output stays the logits.
 * Stateless: it serialises into the model configuration by class name.
 */
public class CeDiceLoss extends SegmentationLoss {

    private static final long serialVersionUID = 1L;
    private static final double CLIP = 1e-7;
    private static final double SMOOTH = 1.0;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray p = probabilities(preOutput, activationFn);
        return crossEntropy(labels, p).meanNumber().doubleValue() * labels.size(1) + 1 - meanDice(labels, p);
    }

    /** Per pixel: its cross-entropy plus the batch's dice loss, so that their mean is {@link #computeScore}. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = probabilities(preOutput, activationFn);
        return crossEntropy(labels, p).sum(1).addi(1 - meanDice(labels, p));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = probabilities(preOutput, activationFn);
        long rows = labels.size(0);
        long classes = labels.size(1);
        INDArray clipped = Transforms.max(p, CLIP, true);
        // d meanCE / dp = -y / p / rows
        INDArray dLdp = labels.div(clipped).divi(-rows);
        if (classes > 1) {
            // d(1 - dice_k)/dp_ik = -(2 y_ik S_k - I_k) / S_k^2, averaged over the foreground classes
            INDArray intersection = p.mul(labels).sum(0).muli(2).addi(SMOOTH).reshape(1, classes);
            INDArray sum = p.sum(0).addi(labels.sum(0)).addi(SMOOTH).reshape(1, classes);
            INDArray dDice = labels.mulRowVector(sum.mul(-2)).addiRowVector(intersection).diviRowVector(sum.mul(sum))
                    .divi(classes - 1);
            dDice.getColumn(0).assign(0);
            dLdp.addi(dDice);
        }
        INDArray grad = activation(activationFn).backprop(preOutput.dup(), dLdp).getFirst();
        if (mask != null) {
            grad = mask.length() == grad.length() ? grad.muli(mask) : grad.muliColumnVector(mask.reshape(mask.length(), 1));
        }
        return grad;
    }



    /** The head's activation, or a softmax where the head gives logits. */
    private static IActivation activation(IActivation activationFn) {
        return activationFn instanceof ActivationIdentity ? new ActivationSoftmax() : activationFn;
    }

    private static INDArray probabilities(INDArray preOutput, IActivation activationFn) {
        return activation(activationFn).getActivation(preOutput.dup(), false);
    }

    /** -y log p per element. */
    private static INDArray crossEntropy(INDArray labels, INDArray p) {
        return Transforms.log(Transforms.max(p, CLIP, true), false).muli(labels).negi();
    }

    /** Mean soft dice over the foreground classes (1 when there are none). */
    private static double meanDice(INDArray labels, INDArray p) {
        long classes = labels.size(1);
        if (classes < 2) {
            return 1;
        }
        INDArray intersection = p.mul(labels).sum(0).muli(2).addi(SMOOTH);
        INDArray sum = p.sum(0).addi(labels.sum(0)).addi(SMOOTH);
        INDArray dice = intersection.divi(sum);
        return (dice.sumNumber().doubleValue() - dice.getDouble(0)) / (classes - 1);
    }
}
