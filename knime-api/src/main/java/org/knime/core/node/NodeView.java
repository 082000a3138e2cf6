package org.knime.core.node;

import java.awt.Component;
import java.awt.Rectangle;

/**
 * A classic Swing node view. Subclasses set their content with {@link #setComponent(Component)} and implement
 * {@link #modelChanged()}, {@link #onOpen()} and {@link #onClose()}. This subset opens no window.
 *
 * @param <T> the node model class
 */
public abstract class NodeView<T extends NodeModel> extends AbstractNodeView<T> {

    private Component m_comp;

    protected NodeView(final T nodeModel) {
        super(nodeModel);
    }

    protected abstract void onClose();

    protected abstract void onOpen();

    protected final Component getComponent() {
        return m_comp;
    }

    protected final void setComponent(final Component comp) {
        m_comp = comp;
    }

    protected final void setShowNODATALabel(final boolean showIt) {
        // no window in this subset
    }

    protected final void setViewTitleSuffix(final String suffix) {
        // no window in this subset
    }

    /** Not available: views are not opened in the compile-only subset. */
    @Override
    protected void callOpenView(final String title) {
        throw new UnsupportedOperationException("not available in the compile-only KNIME API subset");
    }

    /** Not available: views are not opened in the compile-only subset. */
    @Override
    protected final void callOpenView(final String title, final Rectangle knimeWindowBounds) {
        throw new UnsupportedOperationException("not available in the compile-only KNIME API subset");
    }

    @Override
    public final void callCloseView() {
        onClose();
    }
}
