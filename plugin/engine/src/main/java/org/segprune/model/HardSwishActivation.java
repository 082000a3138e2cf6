package org.segprune.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code y = x * max(0, min(1, x / 6 + 1/2))}, ONNX's HardSwish (opset 14; PyTorch's Hardswish, MobileNetV3). DL4J M2.1 has
 * no hard swish. Saved by class name.
 */
public class HardSwishActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;
    private static final double ALPHA = 1.0 / 6;
    private static final double BETA = 0.5;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray gate = Transforms.min(Transforms.max(in.mul(ALPHA).addi(BETA), 0.0, false), 1.0, false);
        return in.muli(gate);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // d/dx x * g(x) = g(x) + x * g'(x), g' = 1/6 where 0 < x / 6 + 1/2 < 1
        INDArray linear = in.mul(ALPHA).addi(BETA);
        INDArray inside = linear.gt(0.0).castTo(epsilon.dataType()).muli(linear.lt(1.0).castTo(epsilon.dataType()));
        INDArray gate = Transforms.min(Transforms.max(linear, 0.0, true), 1.0, false);
        INDArray derivative = inside.muli(in).muli(ALPHA).addi(gate);
        return new Pair<>(epsilon.muli(derivative), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardSwishActivation;
    }

    @Override
    public int hashCode() {
        return HardSwishActivation.class.hashCode();
    }

    @Override
    public String toString() {
        return "hardswish";
    }
}
