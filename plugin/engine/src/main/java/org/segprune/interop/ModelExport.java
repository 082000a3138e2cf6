package org.segprune.interop;

import java.nio.file.Path;
import org.segprune.interop.onnx.OnnxExporter;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;

/** Writes a model in a chosen format, atomically; the one engine call behind {@code segprune export}. */
public final class ModelExport {

    private ModelExport() {
    }

    /** @param onnxOptions used for {@link ExportFormat#ONNX} only */
    public static void write(SegmentationModel model, ExportFormat format, Path file, OnnxExporter.Options onnxOptions,
            Progress progress) {
        switch (format) {
            case DL4J -> ModelIO.save(model, file, false);
            case ONNX -> OnnxExporter.write(model, file, onnxOptions, progress);
        }
    }
}
