package org.segprune.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.segprune.model.SegmentationModel;
import org.segprune.model.ModelSummary;
import org.segprune.table.NodeTable;
import org.segprune.step.Port;
import org.segprune.step.Step;
import org.segprune.step.Steps;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;
import org.segprune.graph.ModelSummaries;

/**
 * Executes a workflow of this extension's nodes without KNIME, the way KNIME would: every node's
 * settings are validated and every node configured before anything runs (so a wrong column or
 * setting is reported before hours of training), then the nodes run in dependency order, each one
 * configured again with the actual input specs first. Plain objects travel on the connections.
 */
public final class WorkflowRunner {

    /** Hears about each node; supplies its progress. */
    public interface Listener {
        Progress started(WorkflowDefinition.NodeEntry node);

        void finished(WorkflowDefinition.NodeEntry node, String summary, double seconds);
    }

    /** A listener that reports nothing. */
    public static final Listener SILENT = new Listener() {
        @Override
        public Progress started(WorkflowDefinition.NodeEntry node) {
            return Progress.NONE;
        }

        @Override
        public void finished(WorkflowDefinition.NodeEntry node, String summary, double seconds) {
        }
    };

    /** What each node produced: one object per output port (NodeTable or SegmentationModel), by node id. */
    public record Result(WorkflowDefinition workflow, List<WorkflowDefinition.NodeEntry> order,
            Map<Integer, List<Object>> outputs, Map<Integer, String> summaries) {

        /** Output port {@code port} (0-based, without the flow-variable port) of node {@code id}. */
        public Object output(int id, int port) {
            return outputs.get(id).get(port);
        }
    }

    private record Input(int sourceId, int sourcePort) {
    }

    private final WorkflowDefinition workflow;
    private final Map<Integer, Step<?>> types = new LinkedHashMap<>();
    private final Map<Integer, Map<String, String>> settings;
    /** The settings as saved and overridden, before their locations were resolved (for messages). */
    private final Map<Integer, Map<String, String>> given;
    private final Map<Integer, Input[]> inputs = new HashMap<>();
    private final List<WorkflowDefinition.NodeEntry> order;

    /**
     * Checks the workflow: known nodes, overrides, settings, connections, no cycle.
     *
     * @throws SegPruneException naming the node at fault
     */
    public WorkflowRunner(WorkflowDefinition workflow, Overrides overrides) {
        this(workflow, overrides, LocationResolver.forWorkflow(workflow.folder(), null));
    }

    /**
     * As {@link #WorkflowRunner(WorkflowDefinition, Overrides)}, with file and folder settings (paths and
     * knime:// or file: URLs) resolved to local paths by {@code locations} before any node sees them.
     */
    public WorkflowRunner(WorkflowDefinition workflow, Overrides overrides, LocationResolver locations) {
        this.workflow = workflow;
        if (workflow.nodes().isEmpty()) {
            throw new SegPruneException("workflow '" + workflow.name() + "' has no nodes");
        }
        for (WorkflowDefinition.NodeEntry node : workflow.nodes()) {
            types.put(node.id(), Steps.byFactory(node.factory(), node.label()));
        }
        this.given = overrides.apply(workflow, types);
        this.settings = new HashMap<>();
        for (WorkflowDefinition.NodeEntry node : workflow.nodes()) {
            Step<?> type = types.get(node.id());
            settings.put(node.id(), inNode(node, () -> locations.resolveSettings(type.schema(), given.get(node.id()))));
        }
        for (WorkflowDefinition.NodeEntry node : workflow.nodes()) {
            inNode(node, () -> types.get(node.id()).settings(settings.get(node.id())));
            inputs.put(node.id(), new Input[types.get(node.id()).inputs().size()]);
        }
        connect();
        this.order = sort();
    }

    public List<WorkflowDefinition.NodeEntry> order() {
        return order;
    }

    private void connect() {
        for (WorkflowDefinition.Connection c : workflow.connections()) {
            WorkflowDefinition.NodeEntry source = workflow.node(c.sourceId());
            WorkflowDefinition.NodeEntry dest = workflow.node(c.destId());
            if (c.sourcePort() == 0 || c.destPort() == 0) {
                if (c.sourcePort() != c.destPort()) {
                    throw new SegPruneException("the connection " + source.label() + " port " + c.sourcePort() + " -> "
                            + dest.label() + " port " + c.destPort() + " joins a flow-variable port to a data port");
                }
                continue; // flow-variable connection: only orders the two nodes
            }
            List<Port> outs = types.get(source.id()).outputs();
            List<Port> ins = types.get(dest.id()).inputs();
            if (c.sourcePort() > outs.size()) {
                throw new SegPruneException(source.label() + " has no output port " + c.sourcePort());
            }
            if (c.destPort() > ins.size()) {
                throw new SegPruneException(dest.label() + " has no input port " + c.destPort());
            }
            Port out = outs.get(c.sourcePort() - 1);
            Port in = ins.get(c.destPort() - 1);
            if (out.kind() != in.kind()) {
                throw new SegPruneException("the connection " + source.label() + " '" + out.name() + "' -> " + dest.label()
                        + " '" + in.name() + "' joins a " + out.kind().name().toLowerCase() + " port to a "
                        + in.kind().name().toLowerCase() + " port");
            }
            Input[] slots = inputs.get(dest.id());
            if (slots[c.destPort() - 1] != null) {
                throw new SegPruneException(dest.label() + " input '" + in.name() + "' has two connections");
            }
            slots[c.destPort() - 1] = new Input(source.id(), c.sourcePort() - 1);
        }
        for (WorkflowDefinition.NodeEntry node : workflow.nodes()) {
            List<Port> ins = types.get(node.id()).inputs();
            for (int i = 0; i < ins.size(); i++) {
                if (inputs.get(node.id())[i] == null && !ins.get(i).optional()) {
                    throw new SegPruneException(node.label() + ": input '" + ins.get(i).name() + "' is not connected");
                }
            }
        }
    }

    /** Kahn's algorithm over all connections (flow-variable ones included); ties by node id. */
    private List<WorkflowDefinition.NodeEntry> sort() {
        Map<Integer, List<Integer>> successors = new HashMap<>();
        Map<Integer, Integer> pending = new HashMap<>();
        workflow.nodes().forEach(n -> pending.put(n.id(), 0));
        for (WorkflowDefinition.Connection c : workflow.connections()) {
            successors.computeIfAbsent(c.sourceId(), k -> new ArrayList<>()).add(c.destId());
            pending.merge(c.destId(), 1, Integer::sum);
        }
        TreeSet<Integer> ready = new TreeSet<>();
        pending.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        List<WorkflowDefinition.NodeEntry> sorted = new ArrayList<>();
        while (!ready.isEmpty()) {
            int id = ready.pollFirst();
            sorted.add(workflow.node(id));
            for (int next : successors.getOrDefault(id, List.of())) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (sorted.size() != workflow.nodes().size()) {
            List<String> cycle = workflow.nodes().stream().filter(n -> pending.get(n.id()) > 0)
                    .map(WorkflowDefinition.NodeEntry::label).toList();
            throw new SegPruneException("the workflow has a cycle through " + String.join(", ", cycle));
        }
        return sorted;
    }

    /** Configures every node with the specs known before execution (models are known only after). */
    public void configureAll() {
        Map<Integer, List<Object>> specs = new HashMap<>();
        for (WorkflowDefinition.NodeEntry node : order) {
            inNode(node, () -> LocationResolver.checkLocations(types.get(node.id()).schema(), given.get(node.id()),
                    settings.get(node.id())));
        }
        for (WorkflowDefinition.NodeEntry node : order) {
            List<Object> in = gather(node, specs);
            specs.put(node.id(), inNode(node, () -> types.get(node.id()).configure(settings.get(node.id()), in)));
        }
    }

    /** Configures, then executes every node in order. */
    public Result run(Listener listener) {
        configureAll();
        Map<Integer, List<Object>> outputs = new LinkedHashMap<>();
        Map<Integer, String> summaries = new LinkedHashMap<>();
        for (WorkflowDefinition.NodeEntry node : order) {
            Step<?> type = types.get(node.id());
            List<Object> in = gather(node, outputs);
            List<Object> inSpecs = new ArrayList<>();
            in.forEach(object -> inSpecs.add(spec(object)));
            inNode(node, () -> type.configure(settings.get(node.id()), inSpecs));
            Progress progress = listener.started(node);
            long start = System.nanoTime();
            Step.Result result = inNode(node, () -> type.execute(settings.get(node.id()), in,
                    new Step.Context(workflow.folder(), progress)));
            outputs.put(node.id(), result.outputs());
            summaries.put(node.id(), result.summary());
            listener.finished(node, result.summary(), (System.nanoTime() - start) / 1e9);
        }
        return new Result(workflow, order, outputs, summaries);
    }

    private List<Object> gather(WorkflowDefinition.NodeEntry node, Map<Integer, List<Object>> available) {
        Input[] slots = inputs.get(node.id());
        Object[] values = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                values[i] = available.get(slots[i].sourceId()).get(slots[i].sourcePort());
            }
        }
        return Arrays.asList(values);
    }

    private static Object spec(Object portObject) {
        if (portObject instanceof NodeTable table) {
            return table.schema();
        }
        if (portObject instanceof SegmentationModel model) {
            return ModelSummaries.of(model);
        }
        return null;
    }

    private static <T> T inNode(WorkflowDefinition.NodeEntry node, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (SegPruneException e) {
            throw new SegPruneException(node.label() + ": " + e.getMessage(), e);
        }
    }

    private static void inNode(WorkflowDefinition.NodeEntry node, Runnable action) {
        inNode(node, () -> {
            action.run();
            return null;
        });
    }
}
