package org.segprune.model;

import java.util.List;
import java.util.Locale;
import org.segprune.util.SegPruneException;

/**
 * What a model port shows before anyone loads the weights (KNIME: the port's spec): architecture,
 * input shape, per-layer output channels and parameter counts, which layers can be pruned, and the
 * provenance of the model (which training, scoring and pruning steps made it). Built by
 * {@code graph.ModelSummaries}, which knows which layers can be pruned.
 *
 * @param trainableParams trainable parameters as METHOD.md counts them, -1 if the channel graph could not be read
 * @param classes         the classes a multi-class model tells apart (background included); 0 for a binary model
 */
public record ModelSummary(String architecture, int inputSize, int inputChannels, long trainableParams,
        List<LayerSummary> layers, List<String> provenance, int classes) {

    /**
     * One layer with parameters.
     *
     * @param channels output channels (0 if the layer has no channel count)
     * @param params   parameters DL4J stores for it (batch norms include their running statistics)
     * @param prunable whether SegPrune may remove its filters
     */
    public record LayerSummary(String name, String type, int channels, long params, boolean prunable) {
    }

    public ModelSummary {
        layers = List.copyOf(layers);
        provenance = List.copyOf(provenance);
    }

    public List<String> prunableLayers() {
        return layers.stream().filter(LayerSummary::prunable).map(LayerSummary::name).toList();
    }

    /** All parameters DL4J stores (trainable ones plus batch-norm statistics). */
    public long storedParams() {
        return layers.stream().mapToLong(LayerSummary::params).sum();
    }

    /** @throws SegPruneException if no layer can be pruned */
    public void requirePrunable() {
        if (prunableLayers().isEmpty()) {
            throw new SegPruneException("the " + architecture + " model has no prunable layers: every convolution feeds "
                    + "the output, comes from the input or feeds a layer SegPrune cannot cut");
        }
    }

    /** One line, e.g. "unet 1x64x64, 122,449 params, 14 of 17 layers prunable". */
    public String oneLine() {
        return String.format(Locale.ROOT, "%s %dx%dx%d, %,d params, %d of %d layers prunable", architecture, inputChannels,
                inputSize, inputSize, trainableParams >= 0 ? trainableParams : storedParams(), prunableLayers().size(),
                layers.size());
    }

    /** A readable multi-line description: the one-liner, the layers and the provenance. */
    public String describe() {
        StringBuilder text = new StringBuilder(oneLine()).append('\n');
        text.append("layers (name, type, output channels, parameters, prunable):\n");
        for (LayerSummary layer : layers) {
            text.append(String.format(Locale.ROOT, "  %-24s %-22s %6d %10d %s%n", layer.name(), layer.type(),
                    layer.channels(), layer.params(), layer.prunable() ? "yes" : "no"));
        }
        text.append("provenance:\n");
        if (provenance.isEmpty()) {
            text.append("  (none recorded)\n");
        }
        provenance.forEach(step -> text.append("  - ").append(step).append('\n'));
        return text.toString();
    }
}
