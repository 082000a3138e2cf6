package org.segprune.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.segprune.util.SegPruneException;

/**
 * The compute backend DL4J runs on: auto (the GPU when ND4J's CUDA backend is installed and a usable GPU is there,
 * else the CPU), cpu or gpu. Chosen by the command line's {@code --backend}, the environment variable
 * {@value #ENV} or the system property {@value #PROPERTY} (KNIME: {@code -Dsegprune.backend=cpu} in knime.ini), in
 * that order, and applied once, before ND4J loads its backend. ND4J reads its backend priorities only from environment
 * variables ({@code BACKEND_PRIORITY_CPU/GPU}, read once in {@code Nd4jBackend}'s static initialiser), which a running
 * JVM cannot set; so cpu, and auto or gpu on a machine without the NVIDIA driver or CUDA 11.6 ({@link CudaLibraries}),
 * hide the CUDA backend's service entry from ND4J's service lookup instead, and ND4J never tries (and never prints a
 * stack trace for) a CUDA it cannot use.
 */
public final class Backend {

    public static final String AUTO = "auto";
    public static final String CPU = "cpu";
    public static final String GPU = "gpu";
    public static final List<String> CHOICES = List.of(AUTO, CPU, GPU);

    public static final String ENV = "SEGPRUNE_BACKEND";
    public static final String PROPERTY = "segprune.backend";

    /** ND4J's CUDA backend, present only when nd4j-cuda is on the class path. */
    static final String GPU_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final String SERVICE = "META-INF/services/" + Nd4jBackend.class.getName();

    private static String applied;
    /** ND4J may choose its CUDA backend: installed, and not hidden by {@link #apply}. */
    private static boolean gpuOffered;
    private static boolean warned;
    private static Consumer<String> warnings;

    private Backend() {
    }

    /**
     * The choice: the option if given, else the environment variable, else the system property, else auto.
     *
     * @throws SegPruneException naming where a value that is not auto, cpu or gpu came from
     */
    public static String resolve(String option, Map<String, String> environment, String property) {
        if (option != null) {
            return checked(option, "--backend");
        }
        String env = environment.get(ENV);
        if (env != null && !env.isBlank()) {
            return checked(env, "the environment variable " + ENV);
        }
        if (property != null && !property.isBlank()) {
            return checked(property, "the system property " + PROPERTY);
        }
        return AUTO;
    }

    /** The choice this JVM was started with (environment variable, then system property). */
    public static String configured() {
        return resolve(null, System.getenv(), System.getProperty(PROPERTY));
    }

    private static String checked(String value, String source) {
        String choice = value.trim().toLowerCase(Locale.ROOT);
        if (!CHOICES.contains(choice)) {
            throw new SegPruneException(source + " must be one of " + String.join(", ", CHOICES) + ", got '" + value + "'");
        }
        return choice;
    }

    /**
     * Applies {@code choice} before ND4J loads its backend, once per JVM (later calls change nothing). With the CUDA
     * backend installed, auto and gpu first look for the NVIDIA driver and the CUDA 11.6 libraries; if one is missing
     * ND4J never sees the CUDA backend (auto: the CPU, silently). A GPU asked for but not installed or lacking a library
     * gives one line to {@code warn} at once; one that ND4J still finds unusable gives it when ND4J has loaded
     * ({@link #checkLoaded()}).
     */
    public static synchronized void apply(String choice, Consumer<String> warn) {
        if (applied != null) {
            return;
        }
        applied = choice;
        warnings = warn;
        ClassLoader loader = ND4JClassLoading.getNd4jClassloader();
        gpuOffered = servesGpu(loader);
        if (!gpuOffered) {
            if (choice.equals(GPU)) {
                warnOnce("backend gpu requested, but ND4J's CUDA backend (nd4j-cuda-11.6) is not installed: computing on the CPU");
            }
            return;
        }
        Optional<String> missing = choice.equals(CPU) ? Optional.empty() : CudaLibraries.firstMissing(loader);
        if (choice.equals(CPU) || missing.isPresent()) {
            // ND4J would try CUDA and print a stack trace before falling back: it never sees the CUDA backend instead
            ND4JClassLoading.setNd4jClassloader(new WithoutGpuBackend(loader));
            gpuOffered = false;
        }
        if (choice.equals(GPU) && missing.isPresent()) {
            warnOnce("backend gpu requested, but " + missing.get() + " was not found: computing on the CPU");
        }
    }

    /** Loads ND4J's backend; says once when gpu was asked for, is installed, and ND4J still chose the CPU. */
    public static synchronized Nd4jBackend checkLoaded() {
        Nd4jBackend backend = Nd4j.getBackend();
        if (GPU.equals(applied) && gpuOffered && !isGpuBackend(backend)) {
            warnOnce("backend gpu requested, but no usable GPU was found (the NVIDIA driver, CUDA 11.6 and a GPU of "
                    + "compute capability 3.7 to 8.6 are needed): computing on the CPU");
        }
        return backend;
    }

    private static void warnOnce(String message) {
        if (!warned) {
            warned = true;
            warnings.accept(message);
        }
    }

    /** The backend ND4J loaded is its CUDA backend. */
    static boolean isGpuBackend(Nd4jBackend backend) {
        return backend.getClass().getName().equals(GPU_BACKEND);
    }

    /** Whether some backend service file of {@code loader} names the CUDA backend. */
    static boolean servesGpu(ClassLoader loader) {
        try {
            for (URL url : Collections.list(loader.getResources(SERVICE))) {
                if (namesGpuBackend(url)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean namesGpuBackend(URL service) throws IOException {
        try (InputStream in = service.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .anyMatch(GPU_BACKEND::equals);
        }
    }

    /** ND4J's class loader, except that the backend service files naming the CUDA backend are not found. */
    static final class WithoutGpuBackend extends ClassLoader {

        WithoutGpuBackend(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = super.getResources(name);
            if (!name.equals(SERVICE)) {
                return all;
            }
            List<URL> kept = new ArrayList<>();
            for (URL url : Collections.list(all)) {
                if (!namesGpuBackend(url)) {
                    kept.add(url);
                }
            }
            return Collections.enumeration(kept);
        }
    }
}
