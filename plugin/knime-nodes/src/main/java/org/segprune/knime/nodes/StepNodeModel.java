package org.segprune.knime.nodes;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.segprune.model.ModelSummary;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.step.Port;
import org.segprune.step.PortKind;
import org.segprune.step.Step;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;
import org.segprune.util.CancelledException;
import org.segprune.util.OutOfMemory;
import org.segprune.util.SegPruneException;
import org.segprune.workflow.LocationResolver;

/**
 * The node model of every SegPrune node: a step's ports as KNIME port types, its settings through a
 * {@link SettingsAdapter}, configure and execute as the step's, with KNIME tables and model port objects
 * converted to the engine's and back. An engine error in configure marks the node unconfigured with the
 * engine's message; the engine's cancel becomes KNIME's. No internals.
 */
public final class StepNodeModel extends NodeModel {

    private final Step<?> m_step;

    private final SettingsAdapter m_settings;

    /** @param step the step this node runs */
    public StepNodeModel(final Step<?> step) {
        super(portTypes(step.inputs()), portTypes(step.outputs()));
        m_step = step;
        m_settings = new SettingsAdapter(step.schema(), step::settings);
    }

    private static PortType[] portTypes(final List<Port> ports) {
        PortType[] types = new PortType[ports.size()];
        for (int i = 0; i < types.length; i++) {
            Port port = ports.get(i);
            if (port.kind() == PortKind.MODEL) {
                types[i] = port.optional() ? SegmentationModelPortObject.TYPE_OPTIONAL : SegmentationModelPortObject.TYPE;
            } else {
                types[i] = port.optional() ? BufferedDataTable.TYPE_OPTIONAL : BufferedDataTable.TYPE;
            }
        }
        return types;
    }

    /** @return the settings (for tests) */
    public SettingsAdapter getSettingsAdapter() {
        return m_settings;
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.checkSettings();
        Map<String, String> values = resolvedValues();
        try {
            LocationResolver.checkLocations(m_step.schema(), m_settings.getValues(), values);
        } catch (SegPruneException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        List<Object> specs = new ArrayList<>();
        for (PortObjectSpec spec : inSpecs) {
            specs.add(spec instanceof SegmentationModelPortObjectSpec s ? s.getModelSummary()
                : KnimeTables.toSchema((DataTableSpec)spec));
        }
        try {
            List<Object> out = m_step.configure(values, specs);
            PortObjectSpec[] outSpecs = new PortObjectSpec[out.size()];
            for (int i = 0; i < outSpecs.length; i++) {
                Object spec = out.get(i);
                outSpecs[i] = spec instanceof TableSchema schema ? KnimeTables.toSpec(schema)
                    : spec instanceof ModelSummary summary ? modelSpec(summary, inSpecs) : null;
            }
            return outSpecs;
        } catch (SegPruneException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** The current settings with file and folder settings resolved by KNIME (knime:// URLs, workflow-relative paths). */
    private Map<String, String> resolvedValues() throws InvalidSettingsException {
        return KnimeLocations.resolve(m_step.schema(), m_settings.getValues());
    }

    /** A model spec passed through unchanged keeps its input spec object. */
    private static PortObjectSpec modelSpec(final ModelSummary summary, final PortObjectSpec[] inSpecs) {
        for (PortObjectSpec in : inSpecs) {
            if (in instanceof SegmentationModelPortObjectSpec spec && spec.getModelSummary() == summary) {
                return spec;
            }
        }
        return new SegmentationModelPortObjectSpec(summary);
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        m_settings.checkSettings();
        Map<String, String> values = resolvedValues();
        try {
            ExecutionProgress progress = new ExecutionProgress(exec);
            Dl4jRuntime.loadNatives(progress);
            List<Object> inputs = new ArrayList<>();
            for (PortObject in : inObjects) {
                inputs.add(in instanceof SegmentationModelPortObject model ? model.getModel()
                    : in == null ? null : KnimeTables.toNodeTable((BufferedDataTable)in, exec));
            }
            Step.Result result = m_step.execute(values, inputs, new Step.Context(null, progress));
            PortObject[] outputs = new PortObject[result.outputs().size()];
            for (int i = 0; i < outputs.length; i++) {
                outputs[i] = toPort(result.outputs().get(i), inObjects, exec);
            }
            exec.checkCanceled();
            exec.setProgress(1.0);
            if (!progress.warnings().isEmpty()) {
                setWarningMessage(String.join("\n", progress.warnings()));
            }
            return outputs;
        } catch (CancelledException e) {
            throw new CanceledExecutionException("Execution cancelled");
        } catch (RuntimeException | OutOfMemoryError e) {
            String memory = OutOfMemory.describe("this node", e,
                "in knime.ini after -vmargs, e.g. -Dorg.bytedeco.javacpp.maxphysicalbytes=16G");
            if (memory == null) {
                throw e;
            }
            throw new SegPruneException(memory, e);
        }
    }

    /** A model passed through unchanged keeps its input port object (no copy of the weights). */
    private static PortObject toPort(final Object output, final PortObject[] inObjects, final ExecutionContext exec)
        throws CanceledExecutionException, IOException {
        if (output instanceof NodeTable table) {
            return KnimeTables.toKnime(table, exec);
        }
        SegmentationModel model = (SegmentationModel)output;
        for (PortObject in : inObjects) {
            if (in instanceof SegmentationModelPortObject port && port.getModel() == model) {
                return port;
            }
        }
        return new SegmentationModelPortObject(model);
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        m_settings.saveSettingsTo(settings);
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.validateSettings(settings);
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
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
