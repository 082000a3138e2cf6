package org.segprune.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file completely or not at all: into a temporary sibling, then an atomic move. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Something that writes the whole content to a path. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path temporary) throws IOException;
    }

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, PathWriter writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(dir);
            temporary = Files.createTempFile(dir, "." + absolute.getFileName(), ".part");
            // Ctrl-C runs shutdown hooks: an interrupted write leaves no partial file behind.
            temporary.toFile().deleteOnExit();
            writer.write(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicNotSupported) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new SegPruneException("cannot write '" + target + "': " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }

    public static void writeStream(Path target, StreamWriter writer) {
        write(target, temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.write(out);
            }
        });
    }

    public static void writeString(Path target, String content) {
        writeStream(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Rethrows an IOException as unchecked, for lambdas. */
    public static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
