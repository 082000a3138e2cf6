package org.segprune.testutil;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's central-difference gradient check of a double-precision graph, with ND4J's default types set to double. */
public final class GradientChecks {

    private GradientChecks() {
    }

    /** Checks every parameter's gradient and fails naming {@code what}. */
    public static void assertGradientsMatch(ComputationGraph graph, INDArray input, INDArray labels, double maxRelError,
            double minAbsoluteError, String what) {
        DataType defaultType = Nd4j.dataType();
        DataType defaultFloatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                    .inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                    .epsilon(1e-6).maxRelError(maxRelError).minAbsoluteError(minAbsoluteError)),
                    what + ": gradient check failed (DL4J logs the parameter)");
        } finally {
            Nd4j.setDefaultDataTypes(defaultType, defaultFloatType);
        }
    }
}
