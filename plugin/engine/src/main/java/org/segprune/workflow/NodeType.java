package org.segprune.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.segprune.node.SettingsSchema;
import org.segprune.util.Progress;

/**
 * One of this extension's nodes as the headless runner executes it: the same settings and the same
 * engine operation the KNIME node model calls, with plain objects on the ports (NodeTable and
 * SegmentationModel; as specs TableSchema and ModelSummary, null when not known before execution).
 */
public interface NodeType {

    /** A port of the node (index 0 here is port 1 in workflow.knime). */
    record PortDef(String name, PortKind kind, boolean optional) {
    }

    /** The KNIME NodeFactory class this type stands for. */
    String factory();

    SettingsSchema schema();

    List<PortDef> inputs();

    List<PortDef> outputs();

    /** Parses and checks the settings alone (as KNIME's validateSettings does). */
    void validate(Map<String, String> settings);

    /** Checks settings against the input specs (null for unconnected optional ports) and returns the output specs. */
    List<Object> configure(Map<String, String> settings, List<Object> inSpecs);

    /**
     * Runs the node. The result holds one object per output port, optionally followed by details
     * (an engine result) that {@link #summary} reads.
     *
     * @param base the workflow folder, against which relative paths in settings are resolved
     */
    List<Object> execute(Map<String, String> settings, List<Object> inputs, Path base, Progress progress);

    /** One line about the outputs for the console. */
    String summary(List<Object> outputs);
}
