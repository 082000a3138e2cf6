package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

/** The description of a {@link PortObject} available before execution (e.g. a table's columns). */
public interface PortObjectSpec {

    /**
     * Writes and reads specs of class {@code T}.
     *
     * @param <T> the spec class
     */
    abstract static class PortObjectSpecSerializer<T extends PortObjectSpec> {

        public abstract void savePortObjectSpec(final T portObjectSpec, final PortObjectSpecZipOutputStream out)
            throws IOException;

        public abstract T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException;
    }

    /** @return views shown in the out-port view, one tab each */
    JComponent[] getViews();
}
