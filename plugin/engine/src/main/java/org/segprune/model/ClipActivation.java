package org.segprune.model;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code y = min(max(x, min), max)}, ONNX's Clip with constant bounds (PyTorch's ReLU6 and hardtanh).
 * DL4J has ReLU6 but no general clip. Saved in the model JSON by class name and its two bounds.
 */
public class ClipActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    private double min;
    private double max;

    /** For deserialisation only. */
    public ClipActivation() {
    }

    public ClipActivation(double min, double max) {
        this.min = min;
        this.max = max;
    }

    public double getMin() {
        return min;
    }

    public double getMax() {
        return max;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.min(Transforms.max(in, min, false), max, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray inside = in.gt(min).castTo(epsilon.dataType()).muli(in.lt(max).castTo(epsilon.dataType()));
        return new Pair<>(epsilon.muli(inside), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClipActivation that && min == that.min && max == that.max;
    }

    @Override
    public int hashCode() {
        return Objects.hash(min, max);
    }

    @Override
    public String toString() {
        return "clip(" + min + ", " + max + ")";
    }
}
