package org.segprune.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Looks for the shared libraries ND4J's CUDA backend (nd4j-cuda-11.6) needs, where the system's loader and JavaCPP would
 * find them, without loading any. ND4J's {@code JCublasBackend.isAvailable()} prints a stack trace to stderr whenever
 * CUDA cannot be used (no driver, no CUDA 11.6 runtime, no device); finding a library missing first lets
 * {@link Backend} keep ND4J from trying at all.
 */
final class CudaLibraries {

    /** A library the backend loads: its file name and what it is, as a user would look for it. */
    record Library(String file, String what) {

        String describe() {
            return what + " (" + file + ")";
        }
    }

    /** Linux: the driver (dlopened by libcudart) and the CUDA 11.6 libraries the backend's natives link against. */
    static final List<Library> LINUX = List.of(new Library("libcuda.so.1", "the NVIDIA driver"),
            new Library("libcudart.so.11.0", "the CUDA 11.6 runtime"), new Library("libcublas.so.11", "CUDA 11.6's cuBLAS"),
            new Library("libcusolver.so.11", "CUDA 11.6's cuSOLVER"));
    static final List<Library> WINDOWS = List.of(new Library("nvcuda.dll", "the NVIDIA driver"),
            new Library("cudart64_110.dll", "the CUDA 11.6 runtime"), new Library("cublas64_11.dll", "CUDA 11.6's cuBLAS"),
            new Library("cusolver64_11.dll", "CUDA 11.6's cuSOLVER"));

    /** Where JavaCPP's CUDA presets look besides the loader's own path (their preload paths). */
    private static final List<String> LINUX_CUDA_DIRS = List.of("/usr/local/cuda-11.6/lib64", "/usr/local/cuda-11.6/lib",
            "/usr/local/cuda/lib64", "/usr/local/cuda/lib");
    /** The dynamic loader's default directories (Debian/Ubuntu multiarch, Red Hat lib64) and WSL's driver folder. */
    private static final List<String> LINUX_SYSTEM_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/lib/wsl/lib");
    private static final String LD_SO_CACHE = "/etc/ld.so.cache";

    private CudaLibraries() {
    }

    /**
     * The first library the CUDA backend needs that this machine lacks, described for a user; empty when all are found
     * or on an operating system other than Linux and Windows (ND4J then decides alone).
     *
     * @param loader the class loader ND4J loads through: JavaCPP also finds a library bundled in a jar it serves
     */
    static Optional<String> firstMissing(ClassLoader loader) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Map<String, String> environment = System.getenv();
        String javaLibraryPath = System.getProperty("java.library.path", "");
        if (os.startsWith("linux")) {
            return firstMissing(LINUX, linuxDirectories(environment, javaLibraryPath), readLdSoCache(),
                    file -> loader.getResource("org/bytedeco/cuda/linux-x86_64/" + file) != null);
        }
        if (os.startsWith("windows")) {
            return firstMissing(WINDOWS, windowsDirectories(environment, javaLibraryPath), "",
                    file -> loader.getResource("org/bytedeco/cuda/windows-x86_64/" + file) != null);
        }
        return Optional.empty();
    }

    /** The first of {@code required} that is in none of {@code directories}, not named in the loader cache, not bundled. */
    static Optional<String> firstMissing(List<Library> required, List<Path> directories, String ldSoCache,
            Predicate<String> bundled) {
        for (Library library : required) {
            boolean found = ldSoCache.contains(library.file() + "\0") || bundled.test(library.file())
                    || directories.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve(library.file())));
            if (!found) {
                return Optional.of(library.describe());
            }
        }
        return Optional.empty();
    }

    /** LD_LIBRARY_PATH, java.library.path, the CUDA presets' folders, then the loader's defaults (dlopen's order). */
    static List<Path> linuxDirectories(Map<String, String> environment, String javaLibraryPath) {
        List<Path> directories = new ArrayList<>();
        addPathList(directories, environment.get("LD_LIBRARY_PATH"), ":");
        addPathList(directories, javaLibraryPath, ":");
        LINUX_CUDA_DIRS.forEach(dir -> directories.add(Path.of(dir)));
        LINUX_SYSTEM_DIRS.forEach(dir -> directories.add(Path.of(dir)));
        return directories;
    }

    /** PATH, java.library.path, the CUDA toolkit's bin folder (CUDA_PATH or the installer's default) and System32. */
    static List<Path> windowsDirectories(Map<String, String> environment, String javaLibraryPath) {
        List<Path> directories = new ArrayList<>();
        addPathList(directories, environment.get("PATH"), ";");
        addPathList(directories, javaLibraryPath, ";");
        for (String variable : List.of("CUDA_PATH_V11_6", "CUDA_PATH")) {
            addPathList(directories, environment.get(variable) == null ? null : environment.get(variable) + "\\bin", ";");
        }
        addPathList(directories, "C:\\Program Files\\NVIDIA GPU Computing Toolkit\\CUDA\\v11.6\\bin", ";");
        addPathList(directories, environment.getOrDefault("SystemRoot", "C:\\Windows") + "\\System32", ";");
        return directories;
    }

    private static void addPathList(List<Path> directories, String list, String separator) {
        if (list == null) {
            return;
        }
        for (String entry : list.split(separator)) {
            if (!entry.isBlank()) {
                try {
                    directories.add(Path.of(entry.trim()));
                } catch (InvalidPathException e) {
                    // a malformed entry the loader would skip as well
                }
            }
        }
    }

    /** The dynamic loader's cache (ldconfig's binary file holds the library names as NUL-terminated strings). */
    private static String readLdSoCache() {
        Path cache = Path.of(LD_SO_CACHE);
        try {
            return Files.isReadable(cache) ? new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
