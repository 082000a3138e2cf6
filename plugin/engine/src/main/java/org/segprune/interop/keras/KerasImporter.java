package org.segprune.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segprune.interop.onnx.OnnxFormatException;
import org.segprune.interop.onnx.OnnxImporter;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Json;
import org.segprune.util.SegPruneException;

/**
 * Reads a Keras 2 full model saved as .h5 (functional or Sequential; the {@code model_config} JSON attribute and
 * the {@code model_weights} groups that Keras's {@code save_model_to_hdf5} writes) with jhdf, which needs no HDF5
 * natives. {@link KerasTranslator} turns it into an in-memory ONNX model in NCHW, which the ONNX importer then reads:
 * every rule of the ONNX import (input size, head detection, model information, pruning) applies unchanged.
 */
public final class KerasImporter {

    /** No dataset of a Keras file may claim more bytes than this many times the file (Keras never compresses weights). */
    private static final long MAX_EXPANSION = 4;

    private KerasImporter() {
    }

    /** Imports a Keras .h5 file; {@code inputSize} is used when the model's input height and width are not fixed. */
    public static SegmentationModel read(Path file, int inputSize) {
        Dl4jRuntime.init();
        KerasTranslator.Result translated;
        try (HdfFile h5 = open(file)) {
            translated = translate(file, h5);
        } catch (KerasFormatException e) {
            throw new SegPruneException("cannot import Keras model '" + file + "': " + e.getMessage(), e);
        } catch (SegPruneException e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf's own exceptions: a structure that is cut off or damaged somewhere past the superblock
            throw new SegPruneException("'" + file + "' is not a readable Keras .h5 file (truncated or corrupt): "
                    + oneLine(e.getMessage()), e);
        }
        try {
            return OnnxImporter.read(translated.model(), file, "keras", translated.provenance(), inputSize);
        } catch (OnnxFormatException e) {
            throw new SegPruneException("cannot import Keras model '" + file + "': " + e.getMessage(), e);
        }
    }

    private static HdfFile open(Path file) {
        try {
            return new HdfFile(file);
        } catch (RuntimeException e) {
            throw new SegPruneException("'" + file + "' is not a readable Keras .h5 file (truncated or corrupt HDF5): "
                    + oneLine(e.getMessage()), e);
        }
    }

    private static KerasTranslator.Result translate(Path file, HdfFile h5) {
        String version = text(h5, "keras_version");
        if (version != null && version.startsWith("3")) {
            throw new KerasFormatException("it was written by Keras " + version + "; SegPrune reads Keras 2 .h5 full models "
                    + "(save with Keras 2 / tf.keras, or export the model to ONNX)");
        }
        String config = text(h5, "model_config");
        if (config == null) {
            throw new KerasFormatException(h5.getAttribute("layer_names") != null
                    ? "it holds weights only (save_weights); SegPrune needs the full model (model.save('model.h5'))"
                    : "it has no model_config attribute; it is not a Keras full-model .h5 file");
        }
        if (!(h5.getChild("model_weights") instanceof io.jhdf.api.Group weights)) {
            throw new KerasFormatException("it has no model_weights group (a Keras full model holds its weights there)");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(config);
        } catch (IOException e) {
            throw new KerasFormatException("its model_config is not valid JSON: " + oneLine(e.getMessage()));
        }
        long limit = MAX_EXPANSION * fileSize(file) + 4096;
        KerasTranslator.Weights reader = path -> {
            Node node;
            try {
                node = weights.getByPath(path);
            } catch (RuntimeException e) {
                node = null; // jhdf: no such path
            }
            if (!(node instanceof Dataset dataset)) {
                throw new KerasFormatException("weight '" + path + "' is missing from model_weights");
            }
            if (dataset.getSizeInBytes() > limit) {
                throw new KerasFormatException("weight '" + path + "' claims " + dataset.getSizeInBytes() + " bytes, more than the "
                        + fileSize(file) + "-byte file can hold");
            }
            return new KerasTranslator.Array(dataset.getDimensions(), floats(path, dataset.getDataFlat()));
        };
        KerasTranslator.WeightNames names = layer -> {
            Node group = weights.getChildren().get(layer);
            Attribute attribute = group == null ? null : group.getAttribute("weight_names");
            if (attribute == null || attribute.isEmpty()) {
                return new String[0];
            }
            Object data = attribute.getData();
            return data instanceof String[] array ? array : new String[] {String.valueOf(data)};
        };
        return new KerasTranslator(json, version == null ? "unknown" : version, file.getFileName().toString(), reader, names)
                .translate();
    }

    private static float[] floats(String path, Object data) {
        if (data instanceof float[] f) {
            return f;
        }
        if (data instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new KerasFormatException("weight '" + path + "' is not a float32 or float64 array");
    }

    /** A string attribute of the file (Keras writes them as byte strings), or null. */
    private static String text(HdfFile h5, String name) {
        Attribute attribute = h5.getAttribute(name);
        if (attribute == null || attribute.isEmpty()) {
            return null;
        }
        Object data = attribute.getData();
        if (data instanceof String s) {
            return s;
        }
        if (data instanceof String[] array && array.length == 1) {
            return array[0];
        }
        throw new KerasFormatException("its attribute " + name + " is not a string");
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new SegPruneException("cannot read model '" + file + "': " + e.getMessage(), e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "corrupt HDF5 structure" : message.replaceAll("\\s+", " ").trim();
    }

    /** What is wrong with a Keras file, without the file name (the importer adds it). */
    static final class KerasFormatException extends SegPruneException {

        private static final long serialVersionUID = 1L;

        KerasFormatException(String message) {
            super(message);
        }
    }
}
