package org.segprune.interop.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import onnx.Onnx;
import org.segprune.model.ModelInfo;
import org.segprune.util.Json;
import org.segprune.util.SegPruneException;

/**
 * SegPrune's model metadata in an ONNX file: the whole {@link ModelInfo} as JSON under one {@code metadata_props}
 * key, exactly as the DL4J model zip stores it, so that every ModelInfo field (present and future) travels without a
 * key of its own and reading it back needs no flags.
 */
public final class OnnxMetadata {

    /** The metadata_props key holding the {@link ModelInfo} JSON. */
    public static final String MODEL_INFO_KEY = "segprune.model_info";

    private OnnxMetadata() {
    }

    static Onnx.StringStringEntryProto entry(ModelInfo info) {
        try {
            return Onnx.StringStringEntryProto.newBuilder().setKey(MODEL_INFO_KEY).setValue(Json.MAPPER.writeValueAsString(info))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the model information", e);
        }
    }

    /** The ModelInfo an ONNX model carries, if it was written by SegPrune. */
    public static Optional<ModelInfo> read(Onnx.ModelProto model) {
        for (Onnx.StringStringEntryProto property : model.getMetadataPropsList()) {
            if (MODEL_INFO_KEY.equals(property.getKey())) {
                try {
                    return Optional.of(Json.MAPPER.readValue(property.getValue(), ModelInfo.class));
                } catch (JsonProcessingException e) {
                    throw new SegPruneException("the ONNX metadata '" + MODEL_INFO_KEY + "' is not valid SegPrune model information: "
                            + e.getOriginalMessage());
                }
            }
        }
        return Optional.empty();
    }
}
