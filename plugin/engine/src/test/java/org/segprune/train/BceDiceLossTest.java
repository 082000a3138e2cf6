package org.segprune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-derived gradient of BCE (mean over pixels) + soft dice loss against central differences of
 * the score, in double precision, through the sigmoid as CnnLossLayer uses it (one row per pixel).
 */
class BceDiceLossTest {

    private static final double STEP = 1e-6;

    private final BceDiceLoss loss = new BceDiceLoss();
    private final ActivationSigmoid sigmoid = new ActivationSigmoid();

    private static INDArray preOutput(int pixels, long seed) {
        Random random = new Random(seed);
        INDArray values = Nd4j.create(DataType.DOUBLE, pixels, 1);
        for (int i = 0; i < pixels; i++) {
            values.putScalar(i, random.nextGaussian() * 2);
        }
        return values;
    }

    private static INDArray labels(int pixels, long seed, double foreground) {
        Random random = new Random(seed);
        INDArray values = Nd4j.create(DataType.DOUBLE, pixels, 1);
        for (int i = 0; i < pixels; i++) {
            values.putScalar(i, random.nextDouble() < foreground ? 1 : 0);
        }
        return values;
    }

    private INDArray numericalGradient(INDArray labels, INDArray preOutput) {
        INDArray gradient = Nd4j.create(DataType.DOUBLE, preOutput.shape());
        for (int i = 0; i < preOutput.length(); i++) {
            INDArray plus = preOutput.dup();
            INDArray minus = preOutput.dup();
            plus.putScalar(i, preOutput.getDouble(i) + STEP);
            minus.putScalar(i, preOutput.getDouble(i) - STEP);
            double difference = loss.computeScore(labels, plus, sigmoid, null, true)
                    - loss.computeScore(labels, minus, sigmoid, null, true);
            gradient.putScalar(i, difference / (2 * STEP));
        }
        return gradient;
    }

    private void assertGradientMatches(INDArray labels, INDArray preOutput) {
        INDArray analytic = loss.computeGradient(labels, preOutput, sigmoid, null);
        INDArray numeric = numericalGradient(labels, preOutput);
        double scale = numeric.norm2Number().doubleValue();
        assertTrue(scale > 1e-6, "the gradient is not trivially zero");
        double error = analytic.sub(numeric).norm2Number().doubleValue() / scale;
        assertTrue(error < 1e-6, "analytic gradient differs from the numerical one by " + error + " (relative)");
    }

    @Test
    @DisplayName("gradient matches central differences for mixed labels")
    void gradientMatchesNumericalGradient() {
        assertGradientMatches(labels(64, 1, 0.4), preOutput(64, 2));
    }

    @Test
    @DisplayName("gradient matches central differences with no foreground (dice term alone pushes all p down)")
    void gradientMatchesWithEmptyMask() {
        INDArray labels = labels(48, 3, 0);
        assertEquals(0.0, labels.sumNumber().doubleValue());
        assertGradientMatches(labels, preOutput(48, 4));
    }

    @Test
    @DisplayName("gradient matches central differences with all foreground")
    void gradientMatchesWithFullMask() {
        assertGradientMatches(labels(40, 5, 1.1), preOutput(40, 6));
    }

    @Test
    @DisplayName("score and gradient together equal the separate calls; a mask zeroes the masked pixels' gradient")
    void combinedCallAndMask() {
        INDArray labels = labels(32, 7, 0.5);
        INDArray preOutput = preOutput(32, 8);
        Pair<Double, INDArray> both = loss.computeGradientAndScore(labels, preOutput, sigmoid, null, true);
        assertEquals(loss.computeScore(labels, preOutput, sigmoid, null, true), both.getFirst(), 1e-12);
        assertEquals(loss.computeGradient(labels, preOutput, sigmoid, null), both.getSecond());
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 32, 1);
        mask.putScalar(3, 0);
        INDArray masked = loss.computeGradient(labels, preOutput, sigmoid, mask);
        assertEquals(0.0, masked.getDouble(3));
        assertEquals(both.getSecond().getDouble(4), masked.getDouble(4), 1e-15);
    }
}
