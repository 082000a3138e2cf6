package org.segprune.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a runtime computes on, as reports record it: the backend (cpu or gpu) and the device's name.
 *
 * @param backend "cpu" or "gpu"
 * @param name    e.g. "CPU, 2 cores (amd64)" or the GPU's name as CUDA reports it
 */
public record ComputeDevice(String backend, String name) {

    /** The device of {@code runtime} in this JVM; for DL4J, the ND4J backend that is loaded (loading it if needed). */
    public static ComputeDevice of(InferenceRuntime runtime) {
        if (runtime == InferenceRuntime.ONNXRUNTIME) {
            return cpu(); // the only execution provider SegPrune opens
        }
        if (!Backend.isGpuBackend(Backend.checkLoaded())) {
            return cpu();
        }
        Map<Object, Object> environment = Nd4j.getExecutioner().getEnvironmentInformation();
        Object devices = environment.get("cuda.devicesInformation");
        if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
                && first.get("cuda.deviceName") != null) {
            return new ComputeDevice(Backend.GPU, first.get("cuda.deviceName").toString()
                    + (list.size() > 1 ? " (+" + (list.size() - 1) + " more)" : ""));
        }
        return new ComputeDevice(Backend.GPU, "CUDA device");
    }

    static ComputeDevice cpu() {
        return new ComputeDevice(Backend.CPU, String.format(Locale.ROOT, "CPU, %d cores (%s)",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch")));
    }
}
