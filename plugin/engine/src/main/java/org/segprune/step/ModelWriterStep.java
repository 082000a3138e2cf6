package org.segprune.step;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.interop.ModelExport;
import org.segprune.model.SegmentationModel;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Segmentation Model Writer: writes the model on its input port to a file, as a DL4J zip or as ONNX, atomically.
 * A sink (no output port), like KNIME's own model writers: the model stays available on the port that feeds it.
 */
public final class ModelWriterStep extends Step<ModelWriterSettings> {

    ModelWriterStep() {
        super(new About("org.segprune.knime.nodes.modelwriter.ModelWriterNodeFactory", "Sink", "modelwriter.png",
                "Writes a segmentation model to a file: DL4J zip or ONNX.",
                "<p>Writes the model to a file so that it can leave KNIME: as SegPrune's DL4J model zip (which the "
                        + "<i>Segmentation Model Reader</i> and every SegPrune command read back unchanged) or as ONNX "
                        + "for ONNX Runtime and other deployment runtimes. The file is written completely or not at "
                        + "all: an error or a cancelled execution leaves no partial file and an existing file "
                        + "untouched.</p>"
                        + "<p>By default an existing file is not replaced: the node then fails when it is configured, "
                        + "naming the file.</p>",
                List.of("model writer", "export", "ONNX", "DL4J", "save model")),
                ModelWriterSettings.SCHEMA, List.of(Port.model("Segmentation model", Port.MODEL_DOC)), List.of());
    }

    @Override
    public ModelWriterSettings settings(Map<String, String> raw) {
        return ModelWriterSettings.from(raw);
    }

    @Override
    public List<Object> configure(ModelWriterSettings settings, List<Object> inSpecs) {
        // configure knows no workflow folder: a relative path is checked when the step runs
        if (settings.file(null).isAbsolute()) {
            checkTarget(settings, null);
        }
        return List.of();
    }

    @Override
    public Result execute(ModelWriterSettings settings, List<Object> inputs, Context context) {
        Path file = run(settings, (SegmentationModel) inputs.get(0), context.base(), context.progress());
        return new Result(List.of(), String.format(Locale.ROOT, "wrote %s -> %s", settings.format().id(), file));
    }

    /**
     * Writes the model; returns the file written.
     *
     * @param base folder that a relative file is resolved against (null: working directory)
     */
    public static Path run(ModelWriterSettings settings, SegmentationModel model, Path base, Progress progress) {
        Path file = checkTarget(settings, base);
        progress.checkCancelled();
        ModelExport.write(model, settings.format(), file, settings.onnxOptions(), progress);
        progress.milestone(1, "wrote " + file);
        return file;
    }

    /** The target file, if it may be written: not a folder, and absent unless the policy is overwrite. */
    private static Path checkTarget(ModelWriterSettings settings, Path base) {
        Path file = settings.file(base);
        if (Files.isDirectory(file)) {
            throw new SegPruneException("model file '" + file + "' is a folder");
        }
        if (Files.exists(file) && !settings.overwrite()) {
            throw new SegPruneException("model file '" + file + "' exists; set " + ModelWriterSettings.SCHEMA
                    .def(ModelWriterSettings.IF_EXISTS).describe() + " to 'overwrite' to replace it");
        }
        return file;
    }
}
