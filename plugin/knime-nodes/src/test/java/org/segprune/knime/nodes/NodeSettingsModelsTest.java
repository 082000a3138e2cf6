package org.segprune.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.port.PortObjectSpec;
import org.segprune.step.SettingDef;
import org.segprune.step.Steps;

/**
 * Every node's settings: saved under the engine's keys, validated by the engine's rules, loaded back
 * unchanged, and shown by a dialog that writes what the model reads.
 */
class NodeSettingsModelsTest {

    /** Non-default values for every node (all valid together). */
    static Map<String, Map<String, String>> changed() {
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        values.put(Steps.DATA_READER.about().factory(), Map.of("images_folder", "/data/images", "masks_folder", "/data/masks",
            "test_fraction", "0.3", "seed", "2147483647"));
        values.put(Steps.MODEL_READER.about().factory(), Map.of("source", "new", "input_size", "96", "input_channels", "3", "depth", "5",
            "base_filters", "12", "seed", "5", "model_file", "/m.zip"));
        values.put(Steps.ATTENTION_SCORER.about().factory(), Map.ofEntries(Map.entry("method", "sbca"), Map.entry("epochs", "2"),
            Map.entry("learning_rate", "0.002"), Map.entry("batch_size", "3"), Map.entry("reduction", "4"),
            Map.entry("sbca_pool", "8"), Map.entry("seed", "9"), Map.entry("rows", "all"), Map.entry("image_column", "img"),
            Map.entry("saca_grids", "1,3"), Map.entry("gate_sparsity", "2.5e-6")));
        values.put(Steps.FILTER_PRUNER.about().factory(), Map.of("mode", "keep_params", "ratio", "0.3", "keep_params", "0.4",
            "min_channels", "2", "score_scale", "layer-max"));
        values.put(Steps.FINE_TUNER.about().factory(), Map.of("epochs", "4", "batch_size", "2", "learning_rate", "0.01", "schedule", "step",
            "flip", "false", "patience", "3", "validation_fraction", "0.0", "seed", "1", "mask_column", "m",
            "split_column", "part"));
        values.put(Steps.EVALUATOR.about().factory(), Map.of("model_name", "pruned, 50 %", "batch_size", "2", "latency_runs", "25",
            "overlays", "false", "rows", "train", "runtime", "onnxruntime", "threads", "1"));
        values.put(Steps.PREDICTOR.about().factory(), Map.of("source", "folder", "images_folder", "/scans", "batch_size", "3",
            "masks_folder", "/masks", "runtime", "onnxruntime", "threads", "2"));
        return values;
    }

    @Test
    void everyNodesSettingsSaveValidateAndLoadBackUnchanged() throws Exception {
        for (Map.Entry<String, Map<String, String>> node : changed().entrySet()) {
            NodeFactory<?> factory = NodeModels.factory(node.getKey());
            StepNodeModel model = NodeModels.create(factory, flatten(node.getValue()));
            Map<String, String> loaded = model.getSettingsAdapter().getValues();
            node.getValue().forEach((key, value) -> assertEquals(value, loaded.get(key), node.getKey() + " " + key));
            NodeSettings saved = NodeModels.settings(model);
            for (SettingDef def : model.getSettingsAdapter().getSchema().defs()) {
                assertTrue(saved.containsKey(def.key()), def.key());
                assertTrue(saved.containsKey(def.key() + "_Internals"), def.key());
            }
            StepNodeModel other = (StepNodeModel)factory.createNodeModel();
            assertFalse(other.getSettingsAdapter().getValues().equals(loaded), node.getKey());
            NodeModels.validate(other, saved);
            NodeModels.load(other, saved);
            assertEquals(loaded, other.getSettingsAdapter().getValues(), node.getKey());
        }
    }

    private static String[] flatten(final Map<String, String> map) {
        return map.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
            .toArray(String[]::new);
    }

    @Test
    void valuesOutOfBoundsFailValidation() throws Exception {
        StepNodeModel model = NodeModels.create(NodeModels.factory(Steps.FINE_TUNER.about().factory()));
        NodeSettings settings = NodeModels.settings(model);
        settings.addInt("epochs", 0);
        assertThrows(InvalidSettingsException.class, () -> NodeModels.validate(model, settings));
        NodeSettings choice = NodeModels.settings(model);
        choice.addString("schedule", "linear");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeModels.validate(model, choice));
        assertEquals("Learning-rate schedule [schedule] must be one of cosine, step, constant, got 'linear'", e.getMessage());
    }

    @Test
    void theEnginesCrossChecksFailValidationWithItsMessage() throws Exception {
        StepNodeModel model = NodeModels.create(NodeModels.factory(Steps.MODEL_READER.about().factory()));
        NodeSettings settings = NodeModels.settings(model);
        settings.addInt("input_size", 100);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeModels.validate(model, settings));
        assertEquals("input size 100 must be a multiple of 16 (2^depth) and at most 2048", e.getMessage());
        StepNodeModel reader = (StepNodeModel)NodeModels.factory(Steps.DATA_READER.about().factory())
            .createNodeModel();
        e = assertThrows(InvalidSettingsException.class, () -> NodeModels.validate(reader, NodeModels.settings(reader)));
        assertEquals("choose the images folder", e.getMessage());
    }

    /**
     * Issue 13 reverses what this test asserted before ("a missing setting fails validation"): settings saved before a
     * key existed load with that key's documented default (see SavedSettingsTest for every node's saved file).
     */
    @Test
    void aMissingSettingTakesItsDefault() throws Exception {
        StepNodeModel model = NodeModels.create(NodeModels.factory(Steps.EVALUATOR.about().factory()));
        NodeSettings partial = new NodeSettings("model");
        partial.addInt("batch_size", 4);
        NodeModels.validate(model, partial);
        NodeModels.load(model, partial);
        Map<String, String> expected = new java.util.LinkedHashMap<>(Steps.EVALUATOR.schema().defaults());
        expected.put("batch_size", "4");
        Map<String, String> values = model.getSettingsAdapter().getValues();
        expected.forEach((key, value) -> assertEquals(Steps.EVALUATOR.schema().def(key).parse(value),
            Steps.EVALUATOR.schema().def(key).parse(values.get(key)), key));
    }

    @Test
    void settingsThatDoNotApplyAreDisabledAndSavedSo() throws Exception {
        StepNodeModel model = NodeModels.create(NodeModels.factory(Steps.MODEL_READER.about().factory()), "source", "file",
            "model_file", "/m.zip");
        NodeSettings saved = NodeModels.settings(model);
        assertFalse(saved.getNodeSettings("depth_Internals").getBoolean("EnabledStatus"));
        assertTrue(saved.getNodeSettings("model_file_Internals").getBoolean("EnabledStatus"));
        model.getSettingsAdapter().setValues(Map.of("source", "new"));
        assertTrue(model.getSettingsAdapter().getModel("depth").isEnabled());
        assertFalse(model.getSettingsAdapter().getModel("model_file").isEnabled());
    }

    /** A table spec offering the default and the changed column names. */
    private static final DataTableSpec TABLE = new DataTableSpec(
        new String[]{"image", "mask", "split", "img", "m", "part", "width"},
        new DataType[]{StringCell.TYPE, StringCell.TYPE, StringCell.TYPE, StringCell.TYPE, StringCell.TYPE,
            StringCell.TYPE, IntCell.TYPE});

    @Test
    void everyDialogShowsEverySettingAndWritesWhatTheModelReads() throws Exception {
        for (Map.Entry<String, Map<String, String>> node : changed().entrySet()) {
            NodeFactory<?> factory = NodeModels.factory(node.getKey());
            StepNodeModel model = NodeModels.create(factory, flatten(node.getValue()));
            Method create = NodeFactory.class.getDeclaredMethod("createNodeDialogPane");
            create.setAccessible(true);
            NodeDialogPane pane = (NodeDialogPane)create.invoke(factory);
            assertTrue(pane instanceof StepNodeDialog, node.getKey());
            DefaultNodeSettingsPane dialog = (DefaultNodeSettingsPane)pane;
            PortObjectSpec[] specs = {null, TABLE, TABLE};
            dialog.loadSettingsFrom(NodeModels.settings(model), specs);
            NodeSettings fromDialog = new NodeSettings("model");
            dialog.saveSettingsTo(fromDialog);
            StepNodeModel other = (StepNodeModel)factory.createNodeModel();
            NodeModels.validate(other, fromDialog);
            NodeModels.load(other, fromDialog);
            assertEquals(model.getSettingsAdapter().getValues(), other.getSettingsAdapter().getValues(), node.getKey());
        }
    }

    @Test
    void theAdapterRefusesUnknownKeys() {
        StepNodeModel model = (StepNodeModel)NodeModels.factory(Steps.FILTER_PRUNER.about().factory()).createNodeModel();
        assertThrows(org.segprune.util.SegPruneException.class,
            () -> model.getSettingsAdapter().setValues(Map.of("budget", "0.5")));
        assertEquals(List.of("mode", "ratio", "keep_params", "min_channels", "score_scale"),
            List.copyOf(model.getSettingsAdapter().getValues().keySet()));
    }
}
