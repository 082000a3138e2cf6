package org.segprune.evaluate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.segprune.graph.ChannelGraph;
import org.segprune.graph.ChannelGroup;
import org.segprune.graph.ChannelRule;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSummary;
import org.segprune.model.SegmentationModel;

/**
 * What {@code segprune info} prints about a model: the format it was read from, its input shape,
 * output head, size and cost (METHOD.md's counts), which layers can be pruned and why the others
 * cannot, and the preprocessing it expects.
 */
@JsonPropertyOrder({"format", "input_shape", "output", "params", "gflops", "prunable_layers", "not_prunable", "preprocessing",
    "provenance"})
public record ModelDescription(String format, @JsonProperty("input_shape") long[] inputShape, Output output, long params,
        double gflops, @JsonProperty("prunable_layers") List<String> prunableLayers,
        @JsonProperty("not_prunable") List<NotPrunable> notPrunable, Preprocessing preprocessing, List<String> provenance,
        @JsonProperty("unpruned_channels") Map<String, Integer> unprunedChannels) {

    /** The output head: sigmoid, softmax or logits, its channel count and the foreground channel. */
    public record Output(String kind, int channels, @JsonProperty("foreground_channel") int foregroundChannel) {
    }

    /** A layer with filters that SegPrune will not cut, and why. */
    public record NotPrunable(String layer, String reason) {
    }

    /** @param maskValues how mask pixel values map to classes ({@link org.segprune.model.MaskValues}) */
    public record Preprocessing(String channels, String normalize, @JsonProperty("mask_values") String maskValues) {
    }

    /**
     * What a KNIME user reads in the model port's view: architecture, input and preprocessing, head, size and cost,
     * every layer's output channels and parameters (from {@code summary}), and where the model came from (the scores,
     * budget and fine-tuning each step recorded).
     */
    public String text(ModelSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "architecture    %s%n", summary.architecture()));
        text.append(String.format(Locale.ROOT, "input           %s (channels %s, normalization %s)%n",
                String.join("x", java.util.Arrays.stream(inputShape).mapToObj(Long::toString).toList()),
                preprocessing.channels(), preprocessing.normalize()));
        text.append(String.format(Locale.ROOT, "head            %s, %d channel(s), foreground channel %d%n", output.kind(),
                output.channels(), output.foregroundChannel()));
        text.append(String.format(Locale.ROOT, "masks           %s%n", preprocessing.maskValues()));
        text.append(String.format(Locale.ROOT, "parameters      %,d trainable%n", params));
        text.append(String.format(Locale.ROOT, "GFLOPs          %.4f per image%n", gflops));
        text.append(String.format(Locale.ROOT, "prunable        %d of %d layers%n", prunableLayers.size(),
                summary.layers().size()));
        boolean pruned = !unprunedChannels.isEmpty();
        text.append(pruned ? "\nlayers (name, type, output channels, before pruning, parameters, prunable):\n"
                : "\nlayers (name, type, output channels, parameters, prunable):\n");
        for (ModelSummary.LayerSummary layer : summary.layers()) {
            Integer before = unprunedChannels.get(layer.name());
            String wasBefore = !pruned ? "" : String.format(Locale.ROOT, " %6s", before == null ? "" : before.toString());
            text.append(String.format(Locale.ROOT, "  %-24s %-22s %6d%s %10d %s%n", layer.name(), layer.type(),
                    layer.channels(), wasBefore, layer.params(), layer.prunable() ? "yes" : "no"));
        }
        text.append("\nwhere it came from (scores, budget, fine-tuning):\n");
        if (provenance.isEmpty()) {
            text.append("  (none recorded)\n");
        }
        provenance.forEach(step -> text.append("  - ").append(step).append('\n'));
        return text.toString();
    }

    public static ModelDescription of(SegmentationModel model, String format) {
        ModelInfo info = model.info();
        ChannelGraph graph = ChannelGraph.of(model);
        ChannelGraph.Totals totals = graph.totals(graph.currentChannels());
        List<NotPrunable> notPrunable = new ArrayList<>();
        for (String vertex : graph.order()) {
            Layer layer = graph.layer(vertex);
            if (layer == null || model.graph().getLayer(vertex).numParams() == 0) {
                continue;
            }
            ChannelGroup group = graph.groupOf(vertex);
            ChannelRule rule = graph.rule(vertex);
            if (group != null && !group.prunable()) {
                notPrunable.add(new NotPrunable(vertex, group.reason()));
            } else if (rule.treatment() == ChannelRule.Treatment.OPAQUE) {
                notPrunable.add(new NotPrunable(vertex, rule.opaqueReason()));
            }
        }
        return new ModelDescription(format, info.inputShape(),
                new Output(info.outputKind(), info.outputChannels(), info.outputChannel()), totals.trainableParams(),
                2.0 * totals.macs() / 1e9, graph.prunableLayers(), notPrunable,
                new Preprocessing(info.channelOrder(), info.normalization(), info.maskValues()), info.provenance(), info.unprunedChannels());
    }
}
