package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * A node's configuration and execution. Subclasses implement the six abstract methods and override one
 * configure/execute pair: the {@link PortObject} variants (general ports) or the table variants (data ports only);
 * the defaults delegate from the port variants to the table variants.
 */
public abstract class NodeModel {

    private final NodeLogger m_logger;

    private final PortType[] m_inPortTypes;

    private final PortType[] m_outPortTypes;

    private String m_warningMessage;

    /** Flow variables pushed by this node (the subset has no upstream stack). */
    private final Map<String, Object> m_flowVariables = new LinkedHashMap<>();

    /** Creates a model with the given number of data (table) in- and outputs. */
    protected NodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
        this(createPOs(nrInDataPorts), createPOs(nrOutDataPorts));
    }

    private static PortType[] createPOs(final int nrDataPorts) {
        PortType[] portTypes = new PortType[nrDataPorts];
        Arrays.fill(portTypes, BufferedDataTable.TYPE);
        return portTypes;
    }

    /** @throws NullPointerException if an element is {@code null} */
    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        m_logger = NodeLogger.getLogger(getClass());
        m_inPortTypes = copy(inPortTypes, "InPortType");
        m_outPortTypes = copy(outPortTypes, "OutPortType");
    }

    private static PortType[] copy(final PortType[] types, final String what) {
        if (types == null) {
            return new PortType[0];
        }
        for (int i = 0; i < types.length; i++) {
            if (types[i] == null) {
                throw new NullPointerException(what + "[" + i + "] must not be null!");
            }
        }
        return types.clone();
    }

    protected abstract void loadInternals(final File nodeInternDir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void saveInternals(final File nodeInternDir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected final int getNrInPorts() {
        return m_inPortTypes.length;
    }

    protected final int getNrOutPorts() {
        return m_outPortTypes.length;
    }

    protected final PortType getInPortType(final int index) {
        return m_inPortTypes[index];
    }

    protected final PortType getOutPortType(final int index) {
        return m_outPortTypes[index];
    }

    /** Writes the current settings (they need not be complete or valid). */
    protected abstract void saveSettingsTo(final NodeSettingsWO settings);

    /** Checks settings for completeness and consistency without changing the model. */
    protected abstract void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException;

    /** Loads settings that passed {@link #validateSettings(NodeSettingsRO)}. */
    protected abstract void loadValidatedSettingsFrom(final NodeSettingsRO settings)
        throws InvalidSettingsException;

    /** Default: casts to tables and calls {@link #execute(BufferedDataTable[], ExecutionContext)}. */
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable[] inTables = new BufferedDataTable[inObjects.length];
        for (int i = 0; i < inObjects.length; i++) {
            try {
                inTables[i] = (BufferedDataTable)inObjects[i];
            } catch (ClassCastException cce) {
                throw new IOException(String.format("Input port %d does not hold data table but %s; %s", i,
                    inObjects[i].getClass().getSimpleName(),
                    "Likely reason: wrong version of NodeModel.execute() overwritten!"));
            }
        }
        return execute(inTables, exec);
    }

    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        throw new IOException("NodeModel.execute() implementation missing!");
    }

    /** Releases internal data; settings stay. */
    protected abstract void reset();

    /** Called when the node is disposed. */
    protected void onDispose() {
        // empty
    }

    /** Notifies views (no views exist in this subset). */
    protected final void stateChanged() {
        // no views
    }

    /** Notifies views (no views exist in this subset). */
    protected final void notifyViews(final Object arg) {
        // no views
    }

    /** Default: casts to table specs and calls {@link #configure(DataTableSpec[])}. */
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec[] inDataSpecs = new DataTableSpec[inSpecs.length];
        for (int i = 0; i < inSpecs.length; i++) {
            try {
                inDataSpecs[i] = (DataTableSpec)inSpecs[i];
            } catch (ClassCastException cce) {
                throw new InvalidSettingsException("Input Port " + i + " does not hold data table specs. "
                    + "Likely reason: wrong version of NodeModel.configure() overwritten!");
            }
        }
        return configure(inDataSpecs);
    }

    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        throw new InvalidSettingsException("NodeModel.configure() implementation missing!");
    }

    protected final void setWarningMessage(final String warningMessage) {
        m_warningMessage = warningMessage;
    }

    protected final String getWarningMessage() {
        return m_warningMessage;
    }

    protected final NodeLogger getLogger() {
        return m_logger;
    }

    protected final void pushFlowVariableDouble(final String name, final double value) {
        m_flowVariables.put(name, value);
    }

    protected final void pushFlowVariableInt(final String name, final int value) {
        m_flowVariables.put(name, value);
    }

    protected final void pushFlowVariableString(final String name, final String value) {
        m_flowVariables.put(name, value);
    }

    /** @throws NoSuchElementException if no string variable of that name was pushed */
    public final String peekFlowVariableString(final String name) {
        return peek(name, String.class);
    }

    /** @throws NoSuchElementException if no double variable of that name was pushed */
    public final double peekFlowVariableDouble(final String name) {
        return peek(name, Double.class);
    }

    /** @throws NoSuchElementException if no int variable of that name was pushed */
    public final int peekFlowVariableInt(final String name) {
        return peek(name, Integer.class);
    }

    private <V> V peek(final String name, final Class<V> type) {
        Object v = m_flowVariables.get(name);
        if (!type.isInstance(v)) {
            throw new NoSuchElementException("No flow variable \"" + name + "\" of type " + type.getSimpleName());
        }
        return type.cast(v);
    }
}
