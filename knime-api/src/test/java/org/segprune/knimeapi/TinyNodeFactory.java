package org.segprune.knimeapi;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the tiny node; its description is TinyNodeFactory.xml next to it. */
public final class TinyNodeFactory extends NodeFactory<TinyNodeModel> {

    @Override
    public TinyNodeModel createNodeModel() {
        return new TinyNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<TinyNodeModel> createNodeView(final int viewIndex, final TinyNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new TinyNodeDialog();
    }
}
