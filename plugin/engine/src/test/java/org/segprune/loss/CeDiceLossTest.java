package org.segprune.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The multi-class losses against central differences of their score, in double precision, on the rows CnnLossLayer
 * hands them (one per pixel, one column per channel): CeDiceLoss under a softmax and on logits, BceDiceLoss with two
 * sigmoid channels (dice per channel); and gradient steps lower the score.
 */
class CeDiceLossTest {

    private static final double STEP = 1e-6;

    private static INDArray preOutput(int rows, int classes, long seed) {
        Random random = new Random(seed);
        INDArray values = Nd4j.create(DataType.DOUBLE, rows, classes);
        for (int i = 0; i < values.length(); i++) {
            values.putScalar(i, random.nextGaussian() * 2);
        }
        return values;
    }

    /** One-hot rows of random classes. */
    private static INDArray oneHot(int rows, int classes, long seed) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.create(DataType.DOUBLE, rows, classes);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, random.nextInt(classes), 1);
        }
        return labels;
    }

    /** Independent 0/1 labels per channel (multi-label). */
    private static INDArray multiLabel(int rows, int channels, long seed) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.create(DataType.DOUBLE, rows, channels);
        for (int i = 0; i < labels.length(); i++) {
            labels.putScalar(i, random.nextDouble() < 0.3 ? 1 : 0);
        }
        return labels;
    }

    private static void assertGradientMatches(ILossFunction loss, IActivation activation, INDArray labels, INDArray preOutput) {
        INDArray analytic = loss.computeGradient(labels, preOutput, activation, null);
        INDArray numeric = Nd4j.create(DataType.DOUBLE, preOutput.shape());
        for (int i = 0; i < preOutput.length(); i++) {
            INDArray plus = preOutput.dup();
            INDArray minus = preOutput.dup();
            plus.putScalar(i, preOutput.getDouble(i) + STEP);
            minus.putScalar(i, preOutput.getDouble(i) - STEP);
            numeric.putScalar(i, (loss.computeScore(labels, plus, activation, null, true)
                    - loss.computeScore(labels, minus, activation, null, true)) / (2 * STEP));
        }
        double scale = numeric.norm2Number().doubleValue();
        assertTrue(scale > 1e-6, "the gradient is not trivially zero");
        double error = analytic.sub(numeric).norm2Number().doubleValue() / scale;
        assertTrue(error < 1e-6, loss.name() + ": analytic gradient differs from the numerical one by " + error + " (relative)");
    }

    @Test
    @DisplayName("CeDiceLoss: the gradient through a softmax matches central differences (3 classes)")
    void ceDiceGradientUnderSoftmax() {
        assertGradientMatches(new CeDiceLoss(), new ActivationSoftmax(), oneHot(24, 3, 1), preOutput(24, 3, 2));
    }

    @Test
    @DisplayName("CeDiceLoss: on logits (identity head) the gradient matches and the score equals the softmax head's")
    void ceDiceOnLogits() {
        INDArray labels = oneHot(20, 4, 3);
        INDArray logits = preOutput(20, 4, 4);
        assertGradientMatches(new CeDiceLoss(), new ActivationIdentity(), labels, logits);
        assertEquals(new CeDiceLoss().computeScore(labels, logits, new ActivationSoftmax(), null, true),
                new CeDiceLoss().computeScore(labels, logits, new ActivationIdentity(), null, true), 1e-12);
    }

    @Test
    @DisplayName("CeDiceLoss: score is cross-entropy plus 1 - mean dice over the foreground classes, by hand")
    void ceDiceScoreByHand() {
        // two pixels, two classes: p = (0.25, 0.75) for both; labels class 1 then class 0
        INDArray labels = Nd4j.create(new double[][] {{0, 1}, {1, 0}});
        double ce = -(Math.log(0.75) + Math.log(0.25)) / 2;
        double diceClass1 = (2 * 0.75 + 1) / (1.5 + 1 + 1);
        INDArray logits = Nd4j.create(new double[][] {{0, Math.log(3)}, {0, Math.log(3)}});
        assertEquals(ce + 1 - diceClass1, new CeDiceLoss().computeScore(labels, logits, new ActivationSoftmax(), null, true),
                1e-9);
        assertEquals(ce + 1 - diceClass1, new CeDiceLoss().computeScoreArray(labels, logits, new ActivationSoftmax(), null)
                .sumNumber().doubleValue() / 2, 1e-9);
    }

    @Test
    @DisplayName("BceDiceLoss with two sigmoid channels: per-channel dice, gradient matches central differences")
    void bceDiceTwoChannels() {
        assertGradientMatches(new BceDiceLoss(), new ActivationSigmoid(), multiLabel(24, 2, 5), preOutput(24, 2, 6));
        assertGradientMatches(new BceDiceLoss(), new ActivationIdentity(), multiLabel(16, 3, 7), preOutput(16, 3, 8));
    }

    @Test
    @DisplayName("gradient steps lower both scores")
    void gradientStepsLowerTheScore() {
        INDArray labels = oneHot(32, 3, 9);
        INDArray z = preOutput(32, 3, 10);
        ActivationSoftmax softmax = new ActivationSoftmax();
        CeDiceLoss ce = new CeDiceLoss();
        double start = ce.computeScore(labels, z, softmax, null, true);
        for (int step = 0; step < 50; step++) {
            z.subi(ce.computeGradient(labels, z, softmax, null).mul(5));
        }
        double end = ce.computeScore(labels, z, softmax, null, true);
        assertTrue(end < start / 2, "CeDiceLoss went from " + start + " to " + end);

        INDArray multi = multiLabel(32, 2, 11);
        INDArray y = preOutput(32, 2, 12);
        BceDiceLoss bce = new BceDiceLoss();
        ActivationSigmoid sigmoid = new ActivationSigmoid();
        double before = bce.computeScore(multi, y, sigmoid, null, true);
        for (int step = 0; step < 50; step++) {
            y.subi(bce.computeGradient(multi, y, sigmoid, null).mul(5));
        }
        double after = bce.computeScore(multi, y, sigmoid, null, true);
        assertTrue(after < before / 2, "BceDiceLoss went from " + before + " to " + after);
    }
}
