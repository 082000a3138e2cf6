package org.segprune.loss;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy (mean over pixels and channels) plus soft dice loss (1 - dice over the mini-batch,
 * smoothed by 1), the dice taken per channel and averaged: with K sigmoid channels (multi-label) each
 * class has its own dice. DL4J's CnnLossLayer hands the loss one row per pixel and one column per channel,
 * so both terms are computed over all pixels of the batch. A head whose activation is the identity
 * (imported logits) is read through a sigmoid here. Stateless: it serialises into the model configuration
 * by class name.
 */
public class BceDiceLoss extends SegmentationLoss {

    private static final long serialVersionUID = 1L;
    private static final double CLIP = 1e-7;
    private static final double SMOOTH = 1.0;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return terms(labels, preOutput, activationFn).score();
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = activation(activationFn).getActivation(preOutput.dup(), false);
        INDArray bce = bcePerElement(labels, p);
        Terms terms = terms(labels, preOutput, activationFn);
        return bce.sum(1).addi((1 - terms.dice()) / labels.size(0));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return gradient(labels, preOutput, activationFn, mask);
    }



    private record Terms(double meanBce, double dice) {
        double score() {
            return meanBce + 1 - dice;
        }
    }

    private static INDArray bcePerElement(INDArray labels, INDArray p) {
        INDArray clipped = Transforms.min(Transforms.max(p, CLIP, true), 1 - CLIP, false);
        INDArray logP = Transforms.log(clipped, true);
        INDArray log1mP = Transforms.log(clipped.rsub(1), false);
        return logP.muli(labels).addi(log1mP.muli(labels.rsub(1))).negi();
    }

    /** The head's activation, or a sigmoid where the head gives logits. */
    private static IActivation activation(IActivation activationFn) {
        return activationFn instanceof ActivationIdentity ? new ActivationSigmoid() : activationFn;
    }

    private static Terms terms(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray p = activation(activationFn).getActivation(preOutput.dup(), false);
        double meanBce = bcePerElement(labels, p).meanNumber().doubleValue();
        INDArray intersection = p.mul(labels).sum(0).muli(2).addi(SMOOTH);
        INDArray sum = p.sum(0).addi(labels.sum(0)).addi(SMOOTH);
        return new Terms(meanBce, intersection.divi(sum).meanNumber().doubleValue());
    }

    private static INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = activation(activationFn).getActivation(preOutput.dup(), true);
        long n = p.length();
        long channels = labels.size(1);
        INDArray clipped = Transforms.min(Transforms.max(p, CLIP, true), 1 - CLIP, false);
        // d meanBCE / dp = (p - y) / (p (1 - p)) / n
        INDArray dBce = clipped.sub(labels).divi(clipped.mul(clipped.rsub(1))).divi(n);
        INDArray intersection = p.mul(labels).sum(0).muli(2).addi(SMOOTH).reshape(1, channels);
        INDArray sum = p.sum(0).addi(labels.sum(0)).addi(SMOOTH).reshape(1, channels);
        // d(1 - dice_k)/dp_ik = -(2 y_ik S_k - I_k) / S_k^2, averaged over the channels
        INDArray dDice = labels.mulRowVector(sum.mul(-2)).addiRowVector(intersection).diviRowVector(sum.mul(sum))
                .divi(channels);
        INDArray dLdp = dBce.addi(dDice);
        INDArray grad = activation(activationFn).backprop(preOutput.dup(), dLdp).getFirst();
        if (mask != null) {
            grad.muli(mask);
        }
        return grad;
    }
}
