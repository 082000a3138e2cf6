package org.segprune.runtime;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Puts DL4J on its fast path before any network is built. DL4J 1.0.0-M2.1 ships its oneDNN layer
 * helpers switched off (system property {@value #HELPERS_DISABLE} defaults to true); with them on,
 * the oneDNN build of libnd4j and the small onednn-shim jar, convolutions run about 8x faster.
 */
public final class Dl4jRuntime {

    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private static volatile boolean initialised;
    private static volatile boolean nativesLoaded;

    private Dl4jRuntime() {
    }

    /** {@link #init(String)} with the backend this JVM was started with ({@link Backend#configured()}). */
    public static void init() {
        init(Backend.configured());
    }

    /**
     * Idempotent (the first call's backend holds for the JVM); respects an explicit user choice of the property.
     * Applies {@code backend} (auto, cpu or gpu) before ND4J loads: a fallback from gpu to the CPU is one line on stderr.
     */
    public static synchronized void init(String backend) {
        if (initialised) {
            return;
        }
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
        Backend.apply(backend, warning -> System.err.println("Warning: " + warning));
        initialised = true;
    }

    /**
     * Loads ND4J's native backend, saying first that the first run extracts the native libraries
     * (about 400 MB, into {@code org.bytedeco.javacpp.cachedir}, default ~/.javacpp/cache) so that a
     * long first start does not look hung.
     */
    public static synchronized void loadNatives(org.segprune.util.Progress progress) {
        init();
        if (nativesLoaded) {
            return;
        }
        progress.report(0, "Loading native libraries (the first run extracts about 400 MB to " + cacheDir()
                + "; this can take a minute)");
        Backend.checkLoaded();
        nativesLoaded = true;
    }

    private static String cacheDir() {
        try {
            return org.bytedeco.javacpp.Loader.getCacheDir().toString();
        } catch (java.io.IOException e) {
            return "the JavaCPP cache (" + e.getMessage() + ")";
        }
    }

    /**
     * Runs {@code action} with at most {@code threads} OpenMP threads for the parallel regions the calling thread
     * starts (oneDNN's convolutions, libnd4j's OpenMP loops), then restores the thread's previous setting; 0 leaves
     * it as it is (all cores). OpenMP keeps this setting per calling thread, so executions running at the same time
     * on other threads keep theirs. libnd4j's own thread pool ({@code Nd4j.getEnvironment().maxThreads()}) is one
     * per process and is left alone: a setting for one execution cannot be made there.
     */
    public static <T> T withThreads(int threads, java.util.function.Supplier<T> action) {
        if (threads <= 0) {
            return action.get();
        }
        org.nd4j.nativeblas.NativeOps ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(threads);
        try {
            return action.get();
        } finally {
            ops.setOmpNumThreads(before);
        }
    }

    private static final Object HELPER_SWITCH = new Object();

    /**
     * Runs {@code operation} with libnd4j's platform helpers (oneDNN) switched off: DL4J's built-in kernels instead.
     * The switch is process-wide: operations other threads run meanwhile take the built-in kernels too, which are
     * slower but compute the same; the lock keeps two callers from switching it back under each other.
     */
    public static <T> T withoutPlatformHelpers(java.util.function.Supplier<T> operation) {
        synchronized (HELPER_SWITCH) {
            org.nd4j.linalg.factory.Environment environment = Nd4j.getEnvironment();
            boolean allowed = environment.helpersAllowed();
            environment.allowHelpers(false);
            try {
                return operation.get();
            } finally {
                environment.allowHelpers(allowed);
            }
        }
    }

    /** Number of threads libnd4j computes with (OpenMP) on the calling thread. */
    public static int threads() {
        Object threads = Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads");
        return threads == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads.toString());
    }

    /**
     * True when the first convolution of the graph runs through a oneDNN helper. Call after at least
     * one forward pass (helpers are created lazily).
     */
    public static boolean convolutionHelperActive(ComputationGraph graph) {
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof ConvolutionLayer) {
                Object helper = ((ConvolutionLayer) layer).getHelper();
                return helper != null && helper.getClass().getSimpleName().startsWith("MKLDNN");
            }
        }
        return false;
    }
}
