package org.segprune.interop;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.segprune.util.SegPruneException;

/** The file formats SegPrune writes a model in. */
public enum ExportFormat {
    /** SegPrune's own DL4J model zip (what every SegPrune command reads). */
    DL4J,
    /** ONNX, for ONNX Runtime and other deployment runtimes. */
    ONNX;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportFormat byId(String id) {
        for (ExportFormat format : values()) {
            if (format.id().equals(id)) {
                return format;
            }
        }
        throw new SegPruneException("unknown export format '" + id + "' (known: "
                + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", ")) + ")");
    }
}
