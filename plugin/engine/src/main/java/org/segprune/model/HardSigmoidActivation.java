package org.segprune.model;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code y = max(0, min(1, alpha * x + beta))}, ONNX's HardSigmoid. DL4J's own hard sigmoid has fixed
 * alpha 0.2, while PyTorch exports its Hardsigmoid with alpha 1/6. Saved by class name, alpha and beta.
 */
public class HardSigmoidActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    private double alpha;
    private double beta;

    /** For deserialisation only. */
    public HardSigmoidActivation() {
    }

    public HardSigmoidActivation(double alpha, double beta) {
        this.alpha = alpha;
        this.beta = beta;
    }

    public double getAlpha() {
        return alpha;
    }

    public double getBeta() {
        return beta;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        in.muli(alpha).addi(beta);
        return Transforms.min(Transforms.max(in, 0.0, false), 1.0, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray linear = in.mul(alpha).addi(beta);
        INDArray inside = linear.gt(0.0).castTo(epsilon.dataType()).muli(linear.lt(1.0).castTo(epsilon.dataType()));
        return new Pair<>(epsilon.muli(inside).muli(alpha), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardSigmoidActivation that && alpha == that.alpha && beta == that.beta;
    }

    @Override
    public int hashCode() {
        return Objects.hash(alpha, beta);
    }

    @Override
    public String toString() {
        return "hardsigmoid(" + alpha + ", " + beta + ")";
    }
}
