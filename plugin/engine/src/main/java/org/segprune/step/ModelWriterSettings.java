package org.segprune.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.segprune.interop.ExportFormat;
import org.segprune.interop.onnx.OnnxExporter;
import org.segprune.util.SegPruneException;

/** Settings of the Segmentation Model Writer: the file, its format and what to do when it exists. */
public final class ModelWriterSettings extends SettingsBase {

    public static final String FILE = "file";
    public static final String FORMAT = "format";
    public static final String FOLD_BATCHNORM = "fold_batchnorm";
    public static final String IF_EXISTS = "if_exists";

    public static final String FAIL = "fail";
    public static final String OVERWRITE = "overwrite";

    public static final SettingsSchema SCHEMA = new SettingsSchema("Segmentation Model Writer", List.of(
            SettingDef.outputFile(FILE, "Model file",
                    "The file to write. A relative path is resolved against the workflow folder when the workflow runs "
                            + "with 'segprune run'. The file is written completely or not at all (into a temporary file "
                            + "next to it, then moved)."),
            SettingDef.choice(FORMAT, "Format", ExportFormat.DL4J.id(), List.of(ExportFormat.DL4J.id(), ExportFormat.ONNX.id()),
                    List.of("SegPrune's DL4J model zip (network, weights and SegPrune's model information; no optimizer "
                                    + "state): every SegPrune node and command reads it back unchanged",
                            "ONNX (opset " + OnnxExporter.OPSET + ") for ONNX Runtime and other deployment runtimes, with "
                                    + "SegPrune's model information in the ONNX metadata"),
                    "The file format."),
            SettingDef.bool(FOLD_BATCHNORM, "Fold batch norm into convolutions", OnnxExporter.Options.DEFAULTS.foldBatchNorm(),
                    "Fold each batch normalisation into the convolution before it (same output, fewer operations); off "
                            + "keeps them as BatchNormalization nodes.").enabledWhen(FORMAT, ExportFormat.ONNX.id()),
            SettingDef.choice(IF_EXISTS, "If the file exists", FAIL, List.of(FAIL, OVERWRITE),
                    List.of("stop with an error naming the file (checked when the node is configured, and again before "
                                    + "writing)",
                            "replace the file"),
                    "What to do when the model file already exists.")));

    private ModelWriterSettings(SettingValues values) {
        super(values);
    }

    public static ModelWriterSettings from(Map<String, String> raw) {
        ModelWriterSettings settings = new ModelWriterSettings(SCHEMA.parse(raw));
        if (settings.values.string(FILE).isEmpty()) {
            throw new SegPruneException("choose the file to write the model to (" + SCHEMA.def(FILE).describe() + ")");
        }
        return settings;
    }

    /** The model file; a relative path is resolved against {@code base} (null: the working directory). */
    public Path file(Path base) {
        return DataReaderSettings.resolve(base, values.string(FILE));
    }

    public ExportFormat format() {
        return ExportFormat.byId(values.string(FORMAT));
    }

    public OnnxExporter.Options onnxOptions() {
        return new OnnxExporter.Options(values.bool(FOLD_BATCHNORM));
    }

    public boolean overwrite() {
        return values.string(IF_EXISTS).equals(OVERWRITE);
    }
}
