package org.segprune.knime.port;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.swing.JComponent;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.segprune.model.ModelSummary;

/**
 * Spec of the Segmentation Model port: what is known about a model without its weights (architecture,
 * input shape, per-layer channels and parameter counts, prunable layers, provenance).
 */
public final class SegmentationModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    /** Registered in plugin.xml as the spec serializer. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<SegmentationModelPortObjectSpec> {
    }

    private ModelSummary m_summary;

    /** For the framework (loading); the content is read by {@link #load(ModelContentRO)}. */
    public SegmentationModelPortObjectSpec() {
    }

    /** @param summary the model's summary */
    public SegmentationModelPortObjectSpec(final ModelSummary summary) {
        m_summary = summary;
    }

    /** @return the model's summary */
    public ModelSummary getModelSummary() {
        return m_summary;
    }

    @Override
    protected void save(final ModelContentWO model) {
        ModelSummary s = m_summary;
        model.addString("architecture", s.architecture());
        model.addInt("input_size", s.inputSize());
        model.addInt("input_channels", s.inputChannels());
        model.addLong("trainable_params", s.trainableParams());
        int n = s.layers().size();
        String[] names = new String[n];
        String[] types = new String[n];
        int[] channels = new int[n];
        long[] params = new long[n];
        boolean[] prunable = new boolean[n];
        for (int i = 0; i < n; i++) {
            ModelSummary.LayerSummary layer = s.layers().get(i);
            names[i] = layer.name();
            types[i] = layer.type();
            channels[i] = layer.channels();
            params[i] = layer.params();
            prunable[i] = layer.prunable();
        }
        model.addStringArray("layer_names", names);
        model.addStringArray("layer_types", types);
        model.addIntArray("layer_channels", channels);
        model.addLongArray("layer_params", params);
        model.addBooleanArray("layer_prunable", prunable);
        model.addStringArray("provenance", s.provenance().toArray(new String[0]));
        model.addInt("classes", s.classes());
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        String[] names = model.getStringArray("layer_names");
        String[] types = model.getStringArray("layer_types");
        int[] channels = model.getIntArray("layer_channels");
        long[] params = model.getLongArray("layer_params");
        boolean[] prunable = model.getBooleanArray("layer_prunable");
        if (types.length != names.length || channels.length != names.length || params.length != names.length
            || prunable.length != names.length) {
            throw new InvalidSettingsException("The layer arrays of the model spec differ in length");
        }
        List<ModelSummary.LayerSummary> layers = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            layers.add(new ModelSummary.LayerSummary(names[i], types[i], channels[i], params[i], prunable[i]));
        }
        m_summary = new ModelSummary(model.getString("architecture"), model.getInt("input_size"),
            model.getInt("input_channels"), model.getLong("trainable_params"), layers,
            Arrays.asList(model.getStringArray("provenance")), model.getInt("classes", 0)); // specs saved before multi-class heads: binary
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[]{SegmentationModelPortObject.textView("Model spec", m_summary.describe())};
    }

    @Override
    public String toString() {
        return m_summary == null ? "Segmentation model" : m_summary.oneLine();
    }
}
