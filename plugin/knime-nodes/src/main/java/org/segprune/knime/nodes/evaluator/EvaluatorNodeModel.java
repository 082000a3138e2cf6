package org.segprune.knime.nodes.evaluator;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.segprune.knime.nodes.KnimeTables;
import org.segprune.knime.nodes.SegPruneNodeModel;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.node.EvaluatorOperation;
import org.segprune.node.EvaluatorSettings;
import org.segprune.node.TableSchema;
import org.segprune.util.Progress;

/** Segmentation Evaluator: model and image table in, the metrics row and per-image metrics with overlays out. */
final class EvaluatorNodeModel extends SegPruneNodeModel<EvaluatorSettings> {

    EvaluatorNodeModel() {
        super(new PortType[]{SegmentationModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[]{BufferedDataTable.TYPE, BufferedDataTable.TYPE}, new EvaluatorNodeSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final EvaluatorSettings settings, final PortObjectSpec[] inSpecs) {
        TableSchema[] out = EvaluatorOperation.configure(settings, modelSpec(inSpecs[0]), tableSpec(inSpecs[1]));
        return new PortObjectSpec[]{KnimeTables.toSpec(out[0]), KnimeTables.toSpec(out[1])};
    }

    @Override
    protected PortObject[] execute(final EvaluatorSettings settings, final PortObject[] inObjects,
        final ExecutionContext exec, final Progress progress) throws Exception {
        EvaluatorOperation.Result result =
            EvaluatorOperation.run(settings, model(inObjects[0]), table(inObjects[1], exec), progress);
        return new PortObject[]{KnimeTables.toKnime(result.metrics(), exec), KnimeTables.toKnime(result.perImage(), exec)};
    }
}
