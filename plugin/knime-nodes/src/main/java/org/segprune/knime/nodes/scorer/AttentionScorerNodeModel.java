package org.segprune.knime.nodes.scorer;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.segprune.knime.nodes.KnimeTables;
import org.segprune.knime.nodes.SegPruneNodeModel;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.node.AttentionScorerOperation;
import org.segprune.node.AttentionScorerSettings;
import org.segprune.util.Progress;

/** Attention Scorer: model (+ image table) in, filter scores and the unchanged model out. */
final class AttentionScorerNodeModel extends SegPruneNodeModel<AttentionScorerSettings> {

    AttentionScorerNodeModel() {
        super(new PortType[]{SegmentationModelPortObject.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[]{BufferedDataTable.TYPE, SegmentationModelPortObject.TYPE}, new AttentionScorerNodeSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final AttentionScorerSettings settings, final PortObjectSpec[] inSpecs) {
        return new PortObjectSpec[]{KnimeTables.toSpec(AttentionScorerOperation.configure(settings,
            modelSpec(inSpecs[0]), tableSpec(inSpecs[1]))), inSpecs[0]};
    }

    @Override
    protected PortObject[] execute(final AttentionScorerSettings settings, final PortObject[] inObjects,
        final ExecutionContext exec, final Progress progress) throws Exception {
        AttentionScorerOperation.Result result =
            AttentionScorerOperation.run(settings, model(inObjects[0]), table(inObjects[1], exec), progress);
        return new PortObject[]{KnimeTables.toKnime(result.table(), exec), inObjects[0]};
    }
}
