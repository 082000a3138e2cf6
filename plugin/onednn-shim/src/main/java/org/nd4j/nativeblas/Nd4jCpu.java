package org.nd4j.nativeblas;

/**
 * Restores the lookup that DL4J 1.0.0-M2.1 performs before it uses oneDNN helpers
 * ({@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper#mklDnnEnabled}): it reflectively calls
 * {@code Nd4jCpu$Environment.getInstance().isUseMKLDNN()} in this package, but M2.1 moved the class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings} and renamed the method to {@code isUseONEDNN}. Without
 * this class the check fails silently and every convolution takes the ~8x slower built-in path.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The environment view that DL4J's helper check expects. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Answers from libnd4j itself, so a build without oneDNN still reports false. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
