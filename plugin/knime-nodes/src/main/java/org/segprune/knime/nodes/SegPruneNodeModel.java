package org.segprune.knime.nodes;

import java.io.File;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.knime.port.SegmentationModelPortObjectSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.node.ModelSummary;
import org.segprune.node.NodeTable;
import org.segprune.node.TableSchema;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.CancelledException;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * What every SegPrune node model shares: settings through a {@link SettingsAdapter}, engine messages
 * turned into KNIME's exceptions (an engine error in configure marks the node unconfigured with the
 * engine's message; the engine's cancel becomes KNIME's), and no internals. Subclasses convert ports
 * and make one engine call.
 *
 * @param <S> the engine settings class
 */
public abstract class SegPruneNodeModel<S> extends NodeModel {

    private final SettingsAdapter<S> m_settings;

    /**
     * @param in the input port types
     * @param out the output port types
     * @param settings the node's settings
     */
    protected SegPruneNodeModel(final PortType[] in, final PortType[] out, final SettingsAdapter<S> settings) {
        super(in, out);
        m_settings = settings;
    }

    /** @return the settings (for tests and subclasses) */
    public SettingsAdapter<S> getSettingsAdapter() {
        return m_settings;
    }

    /**
     * Checks the settings against the input specs and computes the output specs.
     *
     * @param inSpecs input specs; null for unconnected optional ports
     * @return output specs; null where unknown before execution
     * @throws SegPruneException if settings and inputs do not fit
     */
    protected abstract PortObjectSpec[] configure(S settings, PortObjectSpec[] inSpecs);

    /**
     * Converts the inputs, calls the engine once and converts its outputs.
     *
     * @param progress the engine's view of {@code exec}
     */
    protected abstract PortObject[] execute(S settings, PortObject[] inObjects, ExecutionContext exec,
        Progress progress) throws Exception;

    @Override
    protected final PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        S settings = m_settings.getSettings();
        try {
            return configure(settings, inSpecs);
        } catch (SegPruneException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected final PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec)
        throws Exception {
        S settings = m_settings.getSettings();
        try {
            Progress progress = new ExecutionProgress(exec);
            Dl4jRuntime.loadNatives(progress);
            PortObject[] outputs = execute(settings, inObjects, exec, progress);
            exec.checkCanceled();
            exec.setProgress(1.0);
            return outputs;
        } catch (CancelledException e) {
            throw new CanceledExecutionException("Execution cancelled");
        }
    }

    /** @return the model summary of a model port's spec, or null if not known */
    protected static ModelSummary modelSpec(final PortObjectSpec spec) {
        return spec instanceof SegmentationModelPortObjectSpec s ? s.getModelSummary() : null;
    }

    /** @return the engine schema of a table port's spec, or null if the port is not connected */
    protected static TableSchema tableSpec(final PortObjectSpec spec) {
        return KnimeTables.toSchema((DataTableSpec)spec);
    }

    /** @return the model on a model port */
    protected static SegmentationModel model(final PortObject port) {
        return ((SegmentationModelPortObject)port).getModel();
    }

    /** @return the table on a table port as an engine table, or null if the port is not connected */
    protected static NodeTable table(final PortObject port, final ExecutionMonitor exec)
        throws CanceledExecutionException {
        return KnimeTables.toNodeTable((BufferedDataTable)port, exec);
    }

    @Override
    protected final void saveSettingsTo(final NodeSettingsWO settings) {
        m_settings.saveSettingsTo(settings);
    }

    @Override
    protected final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.validateSettings(settings);
    }

    @Override
    protected final void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.loadSettingsFrom(settings);
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // no internals: the outputs are port objects KNIME saves itself
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // no internals
    }

    @Override
    protected void reset() {
        // nothing is kept between executions
    }
}
