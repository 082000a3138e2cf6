package org.segprune.loss;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy (mean over pixels) plus soft dice loss (1 - dice over the mini-batch, smoothed
 * by 1). DL4J's CnnLossLayer hands the loss one row per pixel, so both terms are computed over all
 * pixels of the batch. Stateless: it serialises into the model configuration by class name.
 */
public class BceDiceLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;
    private static final double CLIP = 1e-7;
    private static final double SMOOTH = 1.0;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return terms(labels, preOutput, activationFn).score();
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = activationFn.getActivation(preOutput.dup(), false);
        INDArray bce = bcePerElement(labels, p);
        Terms terms = terms(labels, preOutput, activationFn);
        return bce.sum(1).addi((1 - terms.dice()) / labels.size(0));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return gradient(labels, preOutput, activationFn, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask, boolean average) {
        return Pair.of(computeScore(labels, preOutput, activationFn, mask, average),
                gradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "BceDiceLoss";
    }

    @Override
    public String toString() {
        return name();
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

    private static Terms terms(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray p = activationFn.getActivation(preOutput.dup(), false);
        double meanBce = bcePerElement(labels, p).meanNumber().doubleValue();
        double intersection = p.mul(labels).sumNumber().doubleValue();
        double sum = p.sumNumber().doubleValue() + labels.sumNumber().doubleValue();
        return new Terms(meanBce, (2 * intersection + SMOOTH) / (sum + SMOOTH));
    }

    private static INDArray gradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        long n = p.length();
        INDArray clipped = Transforms.min(Transforms.max(p, CLIP, true), 1 - CLIP, false);
        // d meanBCE / dp = (p - y) / (p (1 - p)) / n
        INDArray dBce = clipped.sub(labels).divi(clipped.mul(clipped.rsub(1))).divi(n);
        double intersection = p.mul(labels).sumNumber().doubleValue() * 2 + SMOOTH;
        double sum = p.sumNumber().doubleValue() + labels.sumNumber().doubleValue() + SMOOTH;
        // d(1 - dice)/dp_i = -(2 y_i sum - intersection) / sum^2
        INDArray dDice = labels.mul(-2 * sum).addi(intersection).divi(sum * sum);
        INDArray dLdp = dBce.addi(dDice);
        INDArray grad = activationFn.backprop(preOutput.dup(), dLdp).getFirst();
        if (mask != null) {
            grad.muli(mask);
        }
        return grad;
    }
}
