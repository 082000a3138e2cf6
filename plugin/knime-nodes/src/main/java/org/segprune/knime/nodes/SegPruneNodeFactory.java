package org.segprune.knime.nodes;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/**
 * Base of the SegPrune node factories: no views, a classic dialog. The node description is
 * {@code <FactorySimpleName>.xml} next to each concrete factory.
 *
 * @param <T> the node model class
 */
public abstract class SegPruneNodeFactory<T extends NodeModel> extends NodeFactory<T> {

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<T> createNodeView(final int viewIndex, final T nodeModel) {
        throw new IndexOutOfBoundsException("SegPrune nodes have no views: " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }
}
