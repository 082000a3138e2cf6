package org.segprune.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CUDA libraries are looked for where the loader would find them, and the first one missing is named. */
class CudaLibrariesTest {

    private static final List<CudaLibraries.Library> LINUX = CudaLibraries.LINUX;

    private static Optional<String> missing(List<Path> dirs, String ldSoCache) {
        return CudaLibraries.firstMissing(LINUX, dirs, ldSoCache, file -> false);
    }

    @Test
    void withNothingInstalledTheDriverIsNamedFirst(@TempDir Path dir) {
        assertEquals(Optional.of("the NVIDIA driver (libcuda.so.1)"), missing(List.of(dir), ""));
    }

    @Test
    void aDriverWithoutTheCuda116RuntimeNamesTheRuntime(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("libcuda.so.1"));
        Files.createFile(dir.resolve("libcudart.so.12")); // another CUDA release does not do
        assertEquals(Optional.of("the CUDA 11.6 runtime (libcudart.so.11.0)"), missing(List.of(dir), ""));
    }

    @Test
    void everyLibraryFoundInAFolderOrTheLoaderCacheOrAJarIsEnough(@TempDir Path dir) throws IOException {
        Path driver = Files.createDirectories(dir.resolve("driver"));
        Path cuda = Files.createDirectories(dir.resolve("cuda"));
        Files.createFile(driver.resolve("libcuda.so.1"));
        Files.createFile(cuda.resolve("libcudart.so.11.0"));
        Files.createFile(cuda.resolve("libcublas.so.11"));
        String cache = "glibc-ld.so.cache1.1\0libcusolver.so.11\0/usr/lib/x86_64-linux-gnu/libcusolver.so.11\0";
        assertEquals(Optional.empty(), missing(List.of(driver, cuda), cache));
        assertEquals(Optional.of("CUDA 11.6's cuSOLVER (libcusolver.so.11)"), missing(List.of(driver, cuda), ""));
        assertEquals(Optional.of("CUDA 11.6's cuSOLVER (libcusolver.so.11)"),
                missing(List.of(driver, cuda), "\0libcusolver.so.11.4\0"), "a longer name is another library");
        assertEquals(Optional.empty(), CudaLibraries.firstMissing(LINUX, List.of(driver, cuda), "",
                file -> file.equals("libcusolver.so.11")), "a library bundled in a jar JavaCPP serves");
    }

    @Test
    void aFolderNamedLikeTheLibraryIsNotTheLibrary(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("libcuda.so.1"));
        assertEquals(Optional.of("the NVIDIA driver (libcuda.so.1)"), missing(List.of(dir), ""));
    }

    @Test
    void linuxLooksInLdLibraryPathAndJavaLibraryPathBeforeTheDefaults() {
        List<Path> dirs = CudaLibraries.linuxDirectories(Map.of("LD_LIBRARY_PATH", "/opt/a::/opt/b"), "/opt/c");
        assertEquals(List.of(Path.of("/opt/a"), Path.of("/opt/b"), Path.of("/opt/c")), dirs.subList(0, 3));
        assertTrue(dirs.contains(Path.of("/usr/local/cuda-11.6/lib64")), dirs.toString());
        assertTrue(dirs.contains(Path.of("/usr/lib/wsl/lib")), "WSL keeps the driver there: " + dirs);
    }

    @Test
    void windowsLooksOnThePathInTheToolkitAndInSystem32() {
        List<Path> dirs = CudaLibraries.windowsDirectories(
                Map.of("PATH", "D:\\tools;E:\\bin", "CUDA_PATH", "F:\\CUDA\\v11.6", "SystemRoot", "C:\\WINDOWS"), "");
        assertEquals(List.of(Path.of("D:\\tools"), Path.of("E:\\bin"), Path.of("F:\\CUDA\\v11.6\\bin")), dirs.subList(0, 3));
        assertTrue(dirs.contains(Path.of("C:\\WINDOWS\\System32")), dirs.toString());
    }
}
