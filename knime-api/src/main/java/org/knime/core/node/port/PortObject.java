package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * What flows along a node connection (e.g. a {@link org.knime.core.node.BufferedDataTable} or a model). Each
 * implementation needs a {@link PortObjectSerializer}; KNIME finds it through the extension point
 * org.knime.core.PortType (this subset: see {@link PortTypeRegistry}).
 */
public interface PortObject {

    /** The generic port type (any port object). */
    PortType TYPE = PortTypeRegistry.getInstance().getPortType(PortObject.class);

    /** The generic optional port type. */
    PortType TYPE_OPTIONAL = PortTypeRegistry.getInstance().getPortType(PortObject.class, true);

    /**
     * Writes and reads port objects of class {@code T}; the spec is stored separately by the framework.
     *
     * @param <T> the port object class
     */
    abstract static class PortObjectSerializer<T extends PortObject> {

        public abstract void savePortObject(final T portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException;

        public abstract T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException;
    }

    /** @return a short summary (e.g. for the port's tooltip) */
    String getSummary();

    /** @return the spec of this object (subclasses narrow the return type) */
    PortObjectSpec getSpec();

    /** @return views shown in the out-port view, one tab each */
    public JComponent[] getViews();
}
