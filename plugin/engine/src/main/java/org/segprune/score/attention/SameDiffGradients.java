package org.segprune.score.attention;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * Works around DL4J 1.0.0-M2.1 doubling every gradient that passes through a SameDiff layer or
 * vertex (its inputs' and its parameters'; measured with DL4J's gradient check, relative error exactly
 * 1/3). {@code v/2 + stop_gradient(v)/2} has exactly v's value and half its gradient, so after the
 * doubling the gradient is right again. GateLayerGradientTest fails if DL4J's behaviour changes.
 */
final class SameDiffGradients {

    private SameDiffGradients() {
    }

    static SDVariable halveGradient(SameDiff sd, SDVariable v) {
        SDVariable stopped = new StopGradient(sd, v).outputVariable();
        return v.mul(0.5).add(stopped.mul(0.5));
    }
}
