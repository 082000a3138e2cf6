package org.segprune.knime.nodes.finetuner;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.segprune.knime.nodes.KnimeTables;
import org.segprune.knime.nodes.SegPruneNodeModel;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.node.FineTunerOperation;
import org.segprune.node.FineTunerSettings;
import org.segprune.util.Progress;

/** Fine-Tuner: model, training table (and optional validation table) in, trained model and learning curve out. */
final class FineTunerNodeModel extends SegPruneNodeModel<FineTunerSettings> {

    FineTunerNodeModel() {
        super(new PortType[]{SegmentationModelPortObject.TYPE, BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[]{SegmentationModelPortObject.TYPE, BufferedDataTable.TYPE}, new FineTunerNodeSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final FineTunerSettings settings, final PortObjectSpec[] inSpecs) {
        return new PortObjectSpec[]{null, KnimeTables.toSpec(FineTunerOperation.configure(settings,
            modelSpec(inSpecs[0]), tableSpec(inSpecs[1]), tableSpec(inSpecs[2])))};
    }

    @Override
    protected PortObject[] execute(final FineTunerSettings settings, final PortObject[] inObjects,
        final ExecutionContext exec, final Progress progress) throws Exception {
        FineTunerOperation.Result result = FineTunerOperation.run(settings, model(inObjects[0]),
            table(inObjects[1], exec), table(inObjects[2], exec), progress);
        return new PortObject[]{new SegmentationModelPortObject(result.model()),
            KnimeTables.toKnime(result.curve(), exec)};
    }
}
