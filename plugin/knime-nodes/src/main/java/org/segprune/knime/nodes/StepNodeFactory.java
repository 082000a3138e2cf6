package org.segprune.knime.nodes;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;
import org.segprune.step.Step;

/**
 * The factory of every SegPrune node: the node runs one engine {@link Step}, with a dialog built from the
 * step's settings and no views. Each node has a subclass only because plugin.xml and saved workflows name
 * a factory class; its description {@code <FactorySimpleName>.xml} is generated from the step by the build.
 */
public abstract class StepNodeFactory extends NodeFactory<StepNodeModel> {

    private final Step<?> m_step;

    /** @param step the step the node runs */
    protected StepNodeFactory(final Step<?> step) {
        m_step = step;
    }

    @Override
    public StepNodeModel createNodeModel() {
        return new StepNodeModel(m_step);
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<StepNodeModel> createNodeView(final int viewIndex, final StepNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("SegPrune nodes have no views: " + viewIndex);
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new StepNodeDialog(new SettingsAdapter(m_step.schema(), m_step::settings));
    }
}
