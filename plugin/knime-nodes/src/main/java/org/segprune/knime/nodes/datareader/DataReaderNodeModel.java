package org.segprune.knime.nodes.datareader;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.segprune.knime.nodes.KnimeTables;
import org.segprune.knime.nodes.SegPruneNodeModel;
import org.segprune.node.DataReaderOperation;
import org.segprune.node.DataReaderSettings;
import org.segprune.util.Progress;

/** Segmentation Data Reader: two folders in, a table of image/mask pairs with a train/test split out. */
final class DataReaderNodeModel extends SegPruneNodeModel<DataReaderSettings> {

    DataReaderNodeModel() {
        super(new PortType[0], new PortType[]{BufferedDataTable.TYPE}, new DataReaderNodeSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final DataReaderSettings settings, final PortObjectSpec[] inSpecs) {
        return new PortObjectSpec[]{KnimeTables.toSpec(DataReaderOperation.configure(settings))};
    }

    @Override
    protected PortObject[] execute(final DataReaderSettings settings, final PortObject[] inObjects,
        final ExecutionContext exec, final Progress progress) throws Exception {
        return new PortObject[]{KnimeTables.toKnime(DataReaderOperation.run(settings, null, progress), exec)};
    }
}
