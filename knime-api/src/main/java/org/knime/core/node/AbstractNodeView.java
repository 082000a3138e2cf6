package org.knime.core.node;

import java.awt.Rectangle;

/**
 * Base of node views; concrete views extend {@link NodeView}.
 *
 * @param <T> the node model class
 */
public abstract class AbstractNodeView<T extends NodeModel> {

    private final NodeLogger m_logger;

    private final T m_nodeModel;

    /** @throws IllegalArgumentException if the model is {@code null} */
    protected AbstractNodeView(final T nodeModel) {
        if (nodeModel == null) {
            throw new IllegalArgumentException("Node model must not be null");
        }
        m_logger = NodeLogger.getLogger(getClass());
        m_nodeModel = nodeModel;
    }

    protected T getNodeModel() {
        return m_nodeModel;
    }

    public NodeLogger getLogger() {
        return m_logger;
    }

    /** Called when the model changed (after execute or reset). */
    protected abstract void modelChanged();

    /** Receives {@code NodeModel.notifyViews(Object)} arguments; default does nothing. */
    protected void updateModel(final Object arg) {
        // empty
    }

    protected abstract void callOpenView(final String title);

    protected void callOpenView(final String title, final Rectangle knimeWindowBounds) {
        callOpenView(title);
    }

    protected abstract void callCloseView();
}
