package org.segprune.knime.nodes.pruner;

import org.knime.core.node.NodeDialogPane;
import org.segprune.knime.nodes.SegPruneNodeFactory;

/** Factory of the Filter Pruner; its description is FilterPrunerNodeFactory.xml. */
public final class FilterPrunerNodeFactory extends SegPruneNodeFactory<FilterPrunerNodeModel> {

    @Override
    public FilterPrunerNodeModel createNodeModel() {
        return new FilterPrunerNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new FilterPrunerNodeDialog();
    }
}
