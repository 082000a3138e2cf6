package org.segprune.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.segprune.interop.keras.KerasImporter;
import org.segprune.interop.onnx.OnnxImporter;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.AtomicFiles;
import org.segprune.util.Json;
import org.segprune.util.SegPruneException;

/**
 * Saves and loads models as DL4J model zips (ComputationGraph), with SegPrune's {@link ModelInfo} as
 * an extra JSON entry that DL4J itself ignores. Optimizer state is left out unless asked for. Loading
 * also reads ONNX files (imported, {@link OnnxImporter}); the format is told by content ({@link ModelFiles}).
 */
public final class ModelIO {

    /** Zip entry holding the {@link ModelInfo}. */
    public static final String INFO_ENTRY = "segprune-model.json";
    /** Input size assumed for a plain DL4J model that carries no SegPrune information. */
    public static final int DEFAULT_INPUT_SIZE = 256;

    private ModelIO() {
    }

    public static void save(SegmentationModel model, Path file, boolean withOptimizerState) {
        AtomicFiles.write(file, temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                write(model, out, withOptimizerState);
            }
        });
    }

    /** Writes the model zip to a stream (the KNIME port object stores it this way). */
    public static void write(SegmentationModel model, OutputStream out, boolean withOptimizerState) throws IOException {
        Path dl4j = Files.createTempFile("segprune-model", ".zip");
        try {
            ModelSerializer.writeModel(model.graph(), dl4j.toFile(), withOptimizerState);
            ZipOutputStream zip = new ZipOutputStream(out);
            try (ZipFile source = new ZipFile(dl4j.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = source.entries(); entries.hasMoreElements();) {
                    ZipEntry entry = entries.nextElement();
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry(INFO_ENTRY));
            zip.write(Json.MAPPER.writeValueAsBytes(model.info()));
            zip.closeEntry();
            zip.finish();
        } finally {
            Files.deleteIfExists(dl4j);
        }
    }

    /**
     * Whether {@code file} is a DL4J zip without SegPrune's model information, whose input size {@link #load} then
     * assumes to be {@link #DEFAULT_INPUT_SIZE}.
     */
    public static boolean assumesInputSize(Path file) {
        if (ModelFiles.detect(file) != ModelFiles.Format.DL4J) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(INFO_ENTRY) == null;
        } catch (IOException e) {
            return false; // load reports what is wrong with the file
        }
    }

    /** Loads a DL4J zip, an ONNX file or a Keras .h5, recognised by content. */
    public static SegmentationModel load(Path file) {
        return load(file, 0);
    }

    /**
     * As {@link #load(Path)}; {@code inputSize} is used for an imported model whose input size is not
     * fixed, and for a plain DL4J zip that does not say its size (0: none given).
     */
    public static SegmentationModel load(Path file, int inputSize) {
        Dl4jRuntime.init();
        return switch (ModelFiles.detect(file)) {
            case ONNX -> OnnxImporter.read(file, inputSize);
            case KERAS -> KerasImporter.read(file, inputSize);
            case DL4J -> loadZip(file, inputSize);
        };
    }

    private static SegmentationModel loadZip(Path file, int inputSize) {
        ModelInfo info = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ModelFiles.checkZip(file, zip);
            ZipEntry configuration = zip.getEntry(ModelSerializer.CONFIGURATION_JSON);
            if (zip.getEntry("config.json") != null && zip.getEntry("model.weights.h5") != null) {
                throw new SegPruneException("'" + file + "' is a Keras 3 .keras file; SegPrune reads Keras 2 .h5 full models "
                        + "(save with Keras 2 / tf.keras as .h5, or export the model to ONNX)");
            }
            if (configuration == null || zip.getEntry(ModelSerializer.COEFFICIENTS_BIN) == null) {
                throw notAModel(file, "it has no " + ModelSerializer.CONFIGURATION_JSON + " and "
                        + ModelSerializer.COEFFICIENTS_BIN);
            }
            String json;
            try (InputStream in = zip.getInputStream(configuration)) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!json.contains("\"vertices\"")) {
                throw notAModel(file, "it is a DL4J MultiLayerNetwork, not a ComputationGraph");
            }
            ZipEntry infoEntry = zip.getEntry(INFO_ENTRY);
            if (infoEntry != null) {
                try (InputStream in = zip.getInputStream(infoEntry)) {
                    info = Json.MAPPER.readValue(in, ModelInfo.class);
                }
            }
        } catch (ZipException e) {
            throw notAModel(file, isZipSignature(file) ? "it is not a zip file (truncated or corrupt)"
                    : "it is not a zip file");
        } catch (IOException e) {
            throw new SegPruneException("cannot read model '" + file + "': " + e.getMessage(), e);
        }
        ComputationGraph graph;
        try {
            graph = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw notAModel(file, String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim());
        }
        if (info == null) {
            info = new ModelInfo("dl4j", inputSize > 0 ? inputSize : DEFAULT_INPUT_SIZE, inferInputChannels(graph),
                    new ArrayList<>());
        }
        return new SegmentationModel(graph, info);
    }

    private static boolean isZipSignature(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        } catch (IOException e) {
            return false;
        }
    }

    private static SegPruneException notAModel(Path file, String why) {
        return new SegPruneException("'" + file + "' is not a DL4J model: " + why);
    }

    /** Channels of the network input: nIn of the first layer that reads it. */
    private static int inferInputChannels(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String input = conf.getNetworkInputs().get(0);
        for (Map.Entry<String, GraphVertex> vertex : conf.getVertices().entrySet()) {
            if (conf.getVertexInputs().getOrDefault(vertex.getKey(), java.util.List.of()).contains(input)
                    && vertex.getValue() instanceof LayerVertex layerVertex
                    && layerVertex.getLayerConf().getLayer() instanceof FeedForwardLayer layer) {
                return (int) layer.getNIn();
            }
        }
        throw new SegPruneException("cannot tell the input channels of the model: no layer reads its input '" + input + "'");
    }
}
