package org.segprune.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.segprune.util.SegPruneException;

/**
 * Tells a model file's format from its first bytes, never from its name: a Keras HDF5 file, an ONNX
 * protobuf, or else a DL4J zip (whose reader rejects anything that is not one). Also the checks every zip passes before anything in it is read.
 */
public final class ModelFiles {

    /** The formats SegPrune reads, as {@code info} names them. */
    public enum Format {
        DL4J("dl4j"), ONNX("onnx"), KERAS("keras");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** A zip entry may expand to at most this many times the whole file (plus a little): no zip bombs. */
    private static final long MAX_EXPANSION = 200;

    private ModelFiles() {
    }

    public static Format detect(Path file) {
        if (file != null && Files.isDirectory(file) && Files.isRegularFile(file.resolve("saved_model.pb"))) {
            throw new SegPruneException("'" + file + "' is a TensorFlow SavedModel folder; SegPrune reads Keras 2 .h5 full "
                    + "models and ONNX files (save the model as .h5, or convert it to ONNX)");
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new SegPruneException("model file '" + file + "' does not exist");
        }
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SegPruneException("cannot read model '" + file + "': " + e.getMessage(), e);
        }
        if (startsWith(head, read, HDF5)) {
            return Format.KERAS;
        }
        if (!startsWith(head, read, ZIP) && read > 0 && isModelProtoField(head[0])) {
            return Format.ONNX;
        }
        // a zip, or anything unrecognised: reading it as a DL4J zip ends with the file's name and "not a zip file"
        return Format.DL4J;
    }

    private static boolean startsWith(byte[] head, int read, byte[] magic) {
        if (read < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * An ONNX file is a protobuf ModelProto, whose first byte is the tag of one of its fields: ir_version
     * (1, varint), producer name/version, domain, doc string, graph, opset_import, metadata (length-delimited)
     * or model_version (varint).
     */
    private static boolean isModelProtoField(byte tag) {
        int field = (tag & 0xff) >>> 3;
        int wire = tag & 7;
        return (wire == 0 && (field == 1 || field == 5)) || (wire == 2 && (field == 2 || field == 3 || field == 4
                || field == 6 || field == 7 || field == 8 || field == 14));
    }

    /**
     * Rejects a zip whose entry names climb out of their folder (absolute paths, "..") or whose entries
     * claim to expand far beyond the file's own size, before any entry is read.
     */
    public static void checkZip(Path file, ZipFile zip) {
        long limit = MAX_EXPANSION * Math.max(1, fileSize(file)) + (1 << 20);
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName().replace('\\', '/');
            if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || ("/" + name + "/").contains("/../")) {
                throw new SegPruneException("'" + file + "' is not a safe model zip: entry '" + entry.getName()
                        + "' climbs out of its folder");
            }
            if (entry.getSize() > limit) {
                throw new SegPruneException("'" + file + "' is not a readable model zip: entry '" + entry.getName()
                        + "' claims " + entry.getSize() + " bytes, more than a " + fileSize(file) + "-byte file can hold");
            }
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new SegPruneException("cannot read model '" + file + "': " + e.getMessage(), e);
        }
    }
}
