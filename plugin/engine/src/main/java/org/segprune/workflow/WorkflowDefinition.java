package org.segprune.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segprune.util.SegPruneException;

/**
 * A KNIME workflow folder as written by KNIME Analytics Platform 5.x (format 5.1.0): the nodes of
 * workflow.knime with each node's settings.xml, and the connections. Port numbers are as in the
 * file: port 0 of a native node is its flow-variable port, its first data or model port is 1.
 */
public record WorkflowDefinition(Path folder, String name, List<NodeEntry> nodes, List<Connection> connections) {

    public static final String WORKFLOW_FILE = "workflow.knime";

    /**
     * One node.
     *
     * @param folder   the node's folder name, e.g. "Fine-Tuner (#3)"
     * @param factory  the fully qualified NodeFactory class
     * @param name     the node's name as KNIME shows it
     * @param settings the {@code model} config: what the node model saved, key -> value
     */
    public record NodeEntry(int id, String folder, String factory, String name, Map<String, String> settings) {

        /** How messages name the node, e.g. "Fine-Tuner (#3)". */
        public String label() {
            return name + " (#" + id + ")";
        }
    }

    /** A connection between two ports, numbered as in workflow.knime (0 = flow variables). */
    public record Connection(int sourceId, int sourcePort, int destId, int destPort) {
    }

    public WorkflowDefinition {
        nodes = List.copyOf(nodes);
        connections = List.copyOf(connections);
    }

    public static WorkflowDefinition load(Path folder) {
        Path file = folder.resolve(WORKFLOW_FILE);
        if (!Files.isRegularFile(file)) {
            throw new SegPruneException("'" + folder + "' is not a KNIME workflow folder: it has no " + WORKFLOW_FILE);
        }
        ConfigNode workflow = ConfigNode.read(file);
        List<NodeEntry> nodes = new ArrayList<>();
        ConfigNode nodeList = workflow.child("nodes");
        if (nodeList != null) {
            for (ConfigNode node : nodeList.children().values()) {
                nodes.add(loadNode(folder, node));
            }
        }
        List<Connection> connections = new ArrayList<>();
        ConfigNode connectionList = workflow.child("connections");
        if (connectionList != null) {
            for (ConfigNode c : connectionList.children().values()) {
                connections.add(new Connection(c.integer("sourceID"), c.integer("sourcePort"), c.integer("destID"),
                        c.integer("destPort")));
            }
        }
        String name = workflow.string("name", null);
        return new WorkflowDefinition(folder, name == null ? folder.toAbsolutePath().normalize().getFileName().toString() : name,
                nodes, connections);
    }

    private static NodeEntry loadNode(Path folder, ConfigNode node) {
        int id = node.integer("id");
        String settingsFile = node.string("node_settings_file");
        String type = node.string("node_type", "NativeNode");
        if (!"NativeNode".equals(type) || "true".equals(node.string("node_is_meta", "false"))) {
            throw new SegPruneException("node #" + id + " ('" + settingsFile + "') is a " + type
                    + "; segprune run executes only plain nodes, not metanodes or components");
        }
        Path settingsPath = folder.resolve(settingsFile.replace('\\', '/'));
        ConfigNode settings = ConfigNode.read(settingsPath);
        String nodeFolder = settingsPath.getParent().getFileName().toString();
        String factory = settings.string("factory");
        String name = settings.string("name", settings.string("node-name", nodeFolder));
        ConfigNode model = settings.child("model");
        if (model == null) {
            throw new SegPruneException("'" + settingsPath + "' has no 'model' config with the node's settings");
        }
        return new NodeEntry(id, nodeFolder, factory, name, model.flatValues());
    }

    /** The node with this id. @throws SegPruneException if there is none */
    public NodeEntry node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new SegPruneException("the workflow has no node #" + id));
    }
}
