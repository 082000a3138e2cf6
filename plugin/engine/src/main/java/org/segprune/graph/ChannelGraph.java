package org.segprune.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.segprune.model.SegmentationModel;
import org.segprune.util.SegPruneException;

/**
 * The channel dependency graph of a ComputationGraph, read from the graph itself (no name
 * conventions). For every vertex it knows which channel groups, in which order, make up its output
 * (concatenations stack them, element-wise vertices couple them), which groups may be pruned, and
 * how many parameters and MACs the network has for any choice of channel counts.
 */
public final class ChannelGraph {

    /** A run of consecutive channels of one group inside a vertex's output. */
    public record Segment(int group, int channels) {
    }

    private final ComputationGraphConfiguration conf;
    private final List<String> order;
    private final Map<String, InputType> activationTypes;
    private final InputType inputType;
    private final Map<String, List<Segment>> layouts;
    private final Map<String, Integer> groupOfProducer;
    private final List<ChannelGroup> groups;
    private final Map<String, ChannelRule> rules;

    private ChannelGraph(ComputationGraphConfiguration conf, List<String> order, Map<String, InputType> activationTypes,
            InputType inputType, Map<String, List<Segment>> layouts, Map<String, Integer> groupOfProducer,
            List<ChannelGroup> groups, Map<String, ChannelRule> rules) {
        this.conf = conf;
        this.order = order;
        this.activationTypes = activationTypes;
        this.inputType = inputType;
        this.layouts = layouts;
        this.groupOfProducer = groupOfProducer;
        this.groups = groups;
        this.rules = rules;
    }

    public static ChannelGraph of(SegmentationModel model) {
        ComputationGraphConfiguration conf = model.graph().getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new SegPruneException("SegPrune needs a model with exactly one input, this one has "
                    + conf.getNetworkInputs().size());
        }
        InputType input = InputType.convolutional(model.info().inputSize(), model.info().inputSize(),
                model.info().inputChannels());
        Map<String, InputType> types;
        try {
            types = conf.getLayerActivationTypes(input);
        } catch (RuntimeException e) {
            throw new SegPruneException("the model does not accept a " + model.info().inputChannels() + "x"
                    + model.info().inputSize() + "x" + model.info().inputSize() + " input: " + e.getMessage(), e);
        }
        return new Builder(conf, input, types).build();
    }

    /** Vertex names in topological order (inputs first). */
    public List<String> order() {
        return order;
    }

    public ComputationGraphConfiguration configuration() {
        return conf;
    }

    public List<ChannelGroup> groups() {
        return groups;
    }

    public ChannelGroup group(int id) {
        return groups.get(id);
    }

    /** The group of a producer layer's output channels, or null if the vertex is no producer. */
    public ChannelGroup groupOf(String producer) {
        Integer id = groupOfProducer.get(producer);
        return id == null ? null : groups.get(id);
    }

    /** Producer layers whose filters may be pruned, in topological order. */
    public List<String> prunableLayers() {
        List<String> layers = new ArrayList<>();
        for (String vertex : order) {
            ChannelGroup group = groupOf(vertex);
            if (group != null && group.prunable()) {
                layers.add(vertex);
            }
        }
        return layers;
    }

    public List<ChannelGroup> prunableGroups() {
        return groups.stream().filter(ChannelGroup::prunable).toList();
    }

    /** The channel layout of a vertex's output. */
    public List<Segment> layout(String vertex) {
        return layouts.get(vertex);
    }

    /** The channel layout a layer vertex reads (its single input's output). */
    public List<Segment> inputLayout(String vertex) {
        List<String> inputs = conf.getVertexInputs().get(vertex);
        return layouts.get(inputs.get(0));
    }

    /** The layer configuration of a layer vertex, or null. */
    public Layer layer(String vertex) {
        GraphVertex v = conf.getVertices().get(vertex);
        return v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
    }

    /** The channel rule of a vertex (not of a network input), bound to this graph's configuration. */
    public ChannelRule rule(String vertex) {
        return rules.get(vertex);
    }

    /** The activation type a vertex outputs, at the model's input size. */
    public InputType outputType(String vertex) {
        return conf.getNetworkInputs().contains(vertex) ? inputType : activationTypes.get(vertex);
    }

    /** Output channel indices of a vertex that survive, given the kept channels of every group. */
    public int[] keptIndices(List<Segment> layout, Map<Integer, int[]> keptByGroup) {
        List<Integer> kept = new ArrayList<>();
        int offset = 0;
        for (Segment segment : layout) {
            int[] groupKept = keptByGroup.get(segment.group());
            if (groupKept == null) {
                for (int c = 0; c < segment.channels(); c++) {
                    kept.add(offset + c);
                }
            } else {
                for (int c : groupKept) {
                    kept.add(offset + c);
                }
            }
            offset += segment.channels();
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private long count(List<Segment> layout, Map<Integer, Integer> channels) {
        long total = 0;
        for (Segment segment : layout) {
            total += channels.getOrDefault(segment.group(), segment.channels());
        }
        return total;
    }

    /** Channel counts of every group as the model has them now. */
    public Map<Integer, Integer> currentChannels() {
        Map<Integer, Integer> channels = new HashMap<>();
        for (ChannelGroup group : groups) {
            channels.put(group.id(), group.channels());
        }
        return channels;
    }

    /** Parameter and compute totals of the network for the given group channel counts. */
    public Totals totals(Map<Integer, Integer> channels) {
        long trainable = 0;
        long statistics = 0;
        long macs = 0;
        for (String vertex : order) {
            Layer layer = layer(vertex);
            if (layer == null) {
                continue;
            }
            ChannelRule rule = rules.get(vertex);
            long in = count(inputLayout(vertex), channels);
            long out = count(layouts.get(vertex), channels);
            trainable += rule.trainableParams(in, out);
            statistics += rule.statisticParams(in, out);
            macs += rule.macs(in, out, pixelsOf(outputType(conf.getVertexInputs().get(vertex).get(0))),
                    pixelsOf(outputType(vertex)));
        }
        return new Totals(trainable, statistics, macs);
    }

    /** Trainable parameters, batch-norm statistics and MACs (batch 1) of a network. */
    public record Totals(long trainableParams, long statisticParams, long macs) {
        public long paramsWithStatistics() {
            return trainableParams + statisticParams;
        }
    }

    private static long pixelsOf(InputType type) {
        return type instanceof InputType.InputTypeConvolutional cnn ? cnn.getHeight() * cnn.getWidth() : 1;
    }

    static int channelsOf(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional cnn) {
            return (int) cnn.getChannels();
        }
        return (int) type.arrayElementsPerExample();
    }

    /** Walks the graph once in topological order, then merges coupled sources into groups. */
    private static final class Builder {
        private final ComputationGraphConfiguration conf;
        private final InputType inputType;
        private final Map<String, InputType> types;
        private final List<String> sourceVertex = new ArrayList<>();
        private final List<Integer> sourceChannels = new ArrayList<>();
        private final Map<Integer, String> blocked = new HashMap<>();
        private final Map<String, List<Segment>> layouts = new LinkedHashMap<>();
        private final Map<String, Integer> sourceOfProducer = new LinkedHashMap<>();
        private final Map<String, ChannelRule> rules = new HashMap<>();
        private int[] parent = new int[0];

        Builder(ComputationGraphConfiguration conf, InputType inputType, Map<String, InputType> types) {
            this.conf = conf;
            this.inputType = inputType;
            this.types = types;
        }

        ChannelGraph build() {
            List<String> order = topologicalOrder();
            for (String vertex : order) {
                layouts.put(vertex, layoutOf(vertex));
            }
            for (String output : conf.getNetworkOutputs()) {
                for (Segment segment : layouts.get(output)) {
                    block(segment.group(), "it feeds the network output '" + output + "'");
                }
            }
            return groupsFromSources(order);
        }

        private int newSource(String vertex, int channels) {
            sourceVertex.add(vertex);
            sourceChannels.add(channels);
            parent = java.util.Arrays.copyOf(parent, sourceVertex.size());
            parent[parent.length - 1] = parent.length - 1;
            return parent.length - 1;
        }

        private int find(int source) {
            while (parent[source] != source) {
                parent[source] = parent[parent[source]];
                source = parent[source];
            }
            return source;
        }

        private void union(int a, int b) {
            parent[find(a)] = find(b);
        }

        private void block(int source, String reason) {
            blocked.putIfAbsent(source, reason);
        }

        private List<Segment> layoutOf(String vertex) {
            if (conf.getNetworkInputs().contains(vertex)) {
                int source = newSource(vertex, channelsOf(inputType));
                block(source, "it is the network input");
                return List.of(new Segment(source, channelsOf(inputType)));
            }
            ChannelRule rule = ChannelRules.of(conf.getVertices().get(vertex));
            rules.put(vertex, rule);
            List<String> inputs = conf.getVertexInputs().get(vertex);
            List<Segment> all = new ArrayList<>();
            inputs.forEach(input -> all.addAll(layouts.get(input)));
            boolean singleInput = inputs.size() == 1;
            switch (rule.treatment()) {
                case PRODUCE:
                    if (singleInput) {
                        int source = newSource(vertex, channelsOf(types.get(vertex)));
                        sourceOfProducer.put(vertex, source);
                        return List.of(new Segment(source, channelsOf(types.get(vertex))));
                    }
                    break;
                case CHANNELWISE:
                case PASS_THROUGH:
                    if (singleInput) {
                        return layouts.get(inputs.get(0));
                    }
                    break;
                case CONCATENATE:
                    return all;
                case COUPLE:
                    return couple(vertex, inputs);
                case BROADCAST_SCALE:
                    if (inputs.size() == 2) {
                        return couple(vertex, inputs);
                    }
                    break;
                case SPATIAL_GATE:
                    if (inputs.size() == 2) {
                        for (Segment gate : layouts.get(inputs.get(1))) {
                            block(gate.group(), "it is the one gate map of '" + vertex + "', shared by all channels");
                        }
                        return layouts.get(inputs.get(0));
                    }
                    break;
                default:
                    return opaque(vertex, all, rule.opaqueReason());
            }
            return opaque(vertex, all, rule.treatment() + " vertex with " + inputs.size() + " inputs");
        }

        private List<Segment> opaque(String vertex, List<Segment> in, String why) {
            for (Segment segment : in) {
                block(segment.group(), "it feeds '" + vertex + "' (" + why + ")");
            }
            int source = newSource(vertex, channelsOf(types.get(vertex)));
            block(source, why + " at '" + vertex + "'");
            return List.of(new Segment(source, channelsOf(types.get(vertex))));
        }

        /**
         * Channel c of every input meets channel c of the others (element-wise ops, a gate scaling a map):
         * their groups merge, and the output has the first input's layout.
         */
        private List<Segment> couple(String vertex, List<String> inputs) {
            List<Segment> first = layouts.get(inputs.get(0));
            boolean aligned = inputs.stream().allMatch(input -> sameShape(layouts.get(input), first));
            if (!aligned) {
                List<Segment> all = new ArrayList<>();
                inputs.forEach(input -> all.addAll(layouts.get(input)));
                return opaque(vertex, all, "its inputs' channel layouts differ");
            }
            for (String input : inputs) {
                List<Segment> layout = layouts.get(input);
                for (int i = 0; i < first.size(); i++) {
                    union(layout.get(i).group(), first.get(i).group());
                }
            }
            return first;
        }

        private static boolean sameShape(List<Segment> a, List<Segment> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).channels() != b.get(i).channels()) {
                    return false;
                }
            }
            return true;
        }

        private ChannelGraph groupsFromSources(List<String> order) {
            Map<Integer, Integer> groupOfRoot = new TreeMap<>();
            List<List<String>> producers = new ArrayList<>();
            List<Integer> channels = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (int source = 0; source < parent.length; source++) {
                int root = find(source);
                Integer group = groupOfRoot.get(root);
                if (group == null) {
                    group = producers.size();
                    groupOfRoot.put(root, group);
                    producers.add(new ArrayList<>());
                    channels.add(sourceChannels.get(source));
                    reasons.add(null);
                }
                if (sourceOfProducer.containsKey(sourceVertex.get(source))
                        && sourceOfProducer.get(sourceVertex.get(source)) == source) {
                    producers.get(group).add(sourceVertex.get(source));
                }
                if (blocked.containsKey(source) && reasons.get(group) == null) {
                    reasons.set(group, blocked.get(source));
                }
            }
            List<ChannelGroup> groups = new ArrayList<>();
            for (int g = 0; g < producers.size(); g++) {
                boolean prunable = reasons.get(g) == null && !producers.get(g).isEmpty();
                groups.add(new ChannelGroup(g, Collections.unmodifiableList(producers.get(g)), channels.get(g), prunable,
                        prunable ? null : reasons.get(g) == null ? "no layer produces it" : reasons.get(g)));
            }
            Map<String, List<Segment>> groupLayouts = new LinkedHashMap<>();
            layouts.forEach((vertex, layout) -> groupLayouts.put(vertex, layout.stream()
                    .map(s -> new Segment(groupOfRoot.get(find(s.group())), s.channels())).toList()));
            Map<String, Integer> groupOfProducer = new LinkedHashMap<>();
            sourceOfProducer.forEach((vertex, source) -> groupOfProducer.put(vertex, groupOfRoot.get(find(source))));
            return new ChannelGraph(conf, order, types, inputType, groupLayouts, groupOfProducer, List.copyOf(groups), rules);
        }

        private List<String> topologicalOrder() {
            Map<String, Integer> pending = new LinkedHashMap<>();
            Map<String, List<String>> consumers = new HashMap<>();
            for (String input : conf.getNetworkInputs()) {
                pending.put(input, 0);
            }
            for (String vertex : conf.getVertices().keySet()) {
                List<String> inputs = conf.getVertexInputs().getOrDefault(vertex, List.of());
                pending.put(vertex, inputs.size());
                for (String input : inputs) {
                    consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(vertex);
                }
            }
            Deque<String> ready = new ArrayDeque<>(conf.getNetworkInputs());
            List<String> order = new ArrayList<>();
            while (!ready.isEmpty()) {
                String vertex = ready.poll();
                order.add(vertex);
                for (String consumer : consumers.getOrDefault(vertex, List.of())) {
                    if (pending.merge(consumer, -1, Integer::sum) == 0) {
                        ready.add(consumer);
                    }
                }
            }
            if (order.size() != pending.size()) {
                throw new SegPruneException("the model graph has a cycle or unreachable vertices");
            }
            return order;
        }
    }
}
