package org.segprune.knime.nodes.datareader;

import org.knime.core.node.NodeDialogPane;
import org.segprune.knime.nodes.SegPruneNodeFactory;

/** Factory of the Segmentation Data Reader; its description is DataReaderNodeFactory.xml. */
public final class DataReaderNodeFactory extends SegPruneNodeFactory<DataReaderNodeModel> {

    @Override
    public DataReaderNodeModel createNodeModel() {
        return new DataReaderNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new DataReaderNodeDialog();
    }
}
