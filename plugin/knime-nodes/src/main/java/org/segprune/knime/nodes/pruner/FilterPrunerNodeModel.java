package org.segprune.knime.nodes.pruner;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.segprune.knime.nodes.KnimeTables;
import org.segprune.knime.nodes.SegPruneNodeModel;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.node.FilterPrunerOperation;
import org.segprune.node.FilterPrunerSettings;
import org.segprune.util.Progress;

/** Filter Pruner: model and filter scores in, the physically pruned model and its plan out. */
final class FilterPrunerNodeModel extends SegPruneNodeModel<FilterPrunerSettings> {

    FilterPrunerNodeModel() {
        super(new PortType[]{SegmentationModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[]{SegmentationModelPortObject.TYPE, BufferedDataTable.TYPE}, new FilterPrunerNodeSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final FilterPrunerSettings settings, final PortObjectSpec[] inSpecs) {
        return new PortObjectSpec[]{null, KnimeTables.toSpec(FilterPrunerOperation.configure(settings,
            modelSpec(inSpecs[0]), tableSpec(inSpecs[1])))};
    }

    @Override
    protected PortObject[] execute(final FilterPrunerSettings settings, final PortObject[] inObjects,
        final ExecutionContext exec, final Progress progress) throws Exception {
        FilterPrunerOperation.Result result =
            FilterPrunerOperation.run(settings, model(inObjects[0]), table(inObjects[1], exec), progress);
        return new PortObject[]{new SegmentationModelPortObject(result.model()),
            KnimeTables.toKnime(result.planTable(), exec)};
    }
}
