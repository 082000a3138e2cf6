package org.segprune.step;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.graph.ModelSummaries;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

/** Segmentation Model Reader: a model from a DL4J model zip, or a new untrained built-in network. */
public final class ModelReaderStep extends Step<ModelReaderSettings> {

    ModelReaderStep() {
        super(new About("org.segprune.knime.nodes.modelreader.ModelReaderNodeFactory", "Source", "modelreader.png",
                "Reads a DL4J segmentation model, or builds a new untrained U-Net.",
                "<p>Puts a segmentation model on a <i>Segmentation Model</i> port: either read from a DL4J "
                        + "ComputationGraph model zip (for example one saved by <code>segprune train</code>), or a new, "
                        + "untrained built-in network (a U-Net) of the chosen input size, channels, depth and base "
                        + "filters. Train a new network with the <i>Fine-Tuner</i>; write a model to a file with the "
                        + "<i>Segmentation Model Writer</i> and segment new images with the <i>Segmentation Predictor</i>.</p>"
                        + "<p>The model port shows the architecture, input shape, every layer's output channels and "
                        + "parameter count, which layers can be pruned, and the model's provenance: which training, "
                        + "scoring and pruning steps made it.</p>",
                List.of("U-Net", "DL4J", "deep learning", "model")),
                ModelReaderSettings.SCHEMA, List.of(), List.of(Port.model("Segmentation model", "The model read or built.")));
    }

    @Override
    public ModelReaderSettings settings(Map<String, String> raw) {
        return ModelReaderSettings.from(raw);
    }

    @Override
    public List<Object> configure(ModelReaderSettings settings, List<Object> inSpecs) {
        // the layers are known only once the model is read or built
        return Arrays.asList((Object) null);
    }

    @Override
    public Result execute(ModelReaderSettings settings, List<Object> inputs, Context context) {
        SegmentationModel model = run(settings, context.base(), context.progress());
        return new Result(List.of(model), ModelSummaries.of(model).oneLine());
    }

    /** @param base folder that a relative model file is resolved against (null: working directory) */
    public static SegmentationModel run(ModelReaderSettings settings, Path base, Progress progress) {
        progress.checkCancelled();
        Dl4jRuntime.init();
        SegmentationModel model = settings.readsFile()
                ? settings.withImportSettings(ModelIO.load(settings.modelFile(base), settings.fileInputSize()))
                : Architectures.build(settings.spec());
        if (settings.readsFile() && settings.fileInputSize() == 0 && ModelIO.assumesInputSize(settings.modelFile(base))) {
            progress.warn(String.format(Locale.ROOT, "the model file '%s' does not say its input size (a plain DL4J zip): "
                    + "%dx%d is assumed, and images are resized to it", settings.modelFile(base).getFileName(),
                    model.info().inputSize(), model.info().inputSize()));
        }
        progress.report(1, "model ready");
        return model;
    }
}
