package org.segprune.knime.nodes.modelreader;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.segprune.knime.nodes.SegPruneNodeModel;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.node.ModelReaderOperation;
import org.segprune.node.ModelReaderSettings;
import org.segprune.util.Progress;

/** Model Reader: a DL4J model file, or a new untrained built-in network, onto a model port. */
final class ModelReaderNodeModel extends SegPruneNodeModel<ModelReaderSettings> {

    ModelReaderNodeModel() {
        super(new PortType[0], new PortType[]{SegmentationModelPortObject.TYPE}, new ModelReaderNodeSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final ModelReaderSettings settings, final PortObjectSpec[] inSpecs) {
        // the layers are known only once the model is read or built
        return new PortObjectSpec[]{null};
    }

    @Override
    protected PortObject[] execute(final ModelReaderSettings settings, final PortObject[] inObjects,
        final ExecutionContext exec, final Progress progress) throws Exception {
        return new PortObject[]{new SegmentationModelPortObject(ModelReaderOperation.run(settings, null, progress))};
    }
}
