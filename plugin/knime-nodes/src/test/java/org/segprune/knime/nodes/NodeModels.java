package org.segprune.knime.nodes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Drives a SegPrune node model the way KNIME does (settings saved, validated and loaded; configure;
 * execute), reaching the framework's protected methods from the package that declares them.
 */
public final class NodeModels {

    private NodeModels() {
    }

    /** A new, initialised instance of a node factory class. */
    public static NodeFactory<?> factory(final String className) {
        try {
            NodeFactory<?> factory = (NodeFactory<?>)Class.forName(className).getConstructor().newInstance();
            factory.init();
            return factory;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create node factory " + className, e);
        }
    }

    /** A new model of the factory's node with the given settings, loaded as KNIME loads them. */
    public static StepNodeModel create(final NodeFactory<?> factory, final String... keyValues)
        throws InvalidSettingsException {
        StepNodeModel model = (StepNodeModel)factory.createNodeModel();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        StepNodeModel source = (StepNodeModel)factory.createNodeModel();
        source.getSettingsAdapter().setValues(values);
        NodeSettings settings = settings(source);
        model.validateSettings(settings);
        model.loadValidatedSettingsFrom(settings);
        return model;
    }

    /** What the model's saveSettingsTo writes. */
    public static NodeSettings settings(final NodeModel model) {
        NodeSettings settings = new NodeSettings("model");
        ((StepNodeModel)model).saveSettingsTo(settings);
        return settings;
    }

    public static void validate(final NodeModel model, final NodeSettings settings) throws InvalidSettingsException {
        ((StepNodeModel)model).validateSettings(settings);
    }

    public static void load(final NodeModel model, final NodeSettings settings) throws InvalidSettingsException {
        ((StepNodeModel)model).loadValidatedSettingsFrom(settings);
    }

    public static PortObjectSpec[] configure(final NodeModel model, final PortObjectSpec... inSpecs)
        throws InvalidSettingsException {
        return ((StepNodeModel)model).configure(inSpecs);
    }

    public static PortObject[] execute(final NodeModel model, final ExecutionContext exec, final PortObject... in)
        throws Exception {
        return ((StepNodeModel)model).execute(in, exec);
    }
}
