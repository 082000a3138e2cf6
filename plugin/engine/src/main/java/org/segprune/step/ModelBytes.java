package org.segprune.step;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;

/**
 * A model as the bytes of its DL4J model zip (what {@link ModelIO#write} produces), the form a KNIME
 * port object stores and restores unchanged.
 */
public final class ModelBytes {

    private ModelBytes() {
    }

    /** The model zip without optimizer state. */
    public static byte[] toBytes(SegmentationModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelIO.write(model, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the model: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Restores a model from zip bytes (through a temporary file, which is removed again). */
    public static SegmentationModel fromBytes(byte[] bytes) {
        Path file = null;
        try {
            file = Files.createTempFile("segprune-port", ".zip");
            Files.write(file, bytes);
            return ModelIO.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the model: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
