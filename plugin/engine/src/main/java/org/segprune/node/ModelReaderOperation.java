package org.segprune.node;

import java.nio.file.Path;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

/** Model Reader: a model from a DL4J model zip, or a new untrained built-in network. */
public final class ModelReaderOperation {

    private ModelReaderOperation() {
    }

    /** @param base folder that a relative model file is resolved against (null: working directory) */
    public static SegmentationModel run(ModelReaderSettings settings, Path base, Progress progress) {
        progress.checkCancelled();
        Dl4jRuntime.init();
        SegmentationModel model = settings.readsFile() ? ModelIO.load(settings.modelFile(base))
                : Architectures.build(settings.spec());
        progress.report(1, "model ready");
        return model;
    }
}
