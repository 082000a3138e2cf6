package org.segprune.knime.nodes.modelreader;

import org.knime.core.node.NodeDialogPane;
import org.segprune.knime.nodes.SegPruneNodeFactory;

/** Factory of the Model Reader; its description is ModelReaderNodeFactory.xml. */
public final class ModelReaderNodeFactory extends SegPruneNodeFactory<ModelReaderNodeModel> {

    @Override
    public ModelReaderNodeModel createNodeModel() {
        return new ModelReaderNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ModelReaderNodeDialog();
    }
}
