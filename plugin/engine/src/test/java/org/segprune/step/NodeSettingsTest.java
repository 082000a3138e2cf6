package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.segprune.prune.PruneSettings;
import org.segprune.runtime.InferenceRuntime;
import org.segprune.score.FilterScorer;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringSettings;
import org.segprune.train.TrainingSettings;
import org.segprune.util.SegPruneException;

/** The node settings classes: defaults, parsing, bounds, choices, cross-checks and their messages. */
class NodeSettingsTest {

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static final Map<String, String> FOLDERS = map("images_folder", "imgs", "masks_folder", "msks");

    private static String error(Runnable action) {
        return assertThrows(SegPruneException.class, action::run).getMessage();
    }

    @Test
    void defaultsParseAndReadBackAsTheSameMap() {
        List<SettingsSchema> schemas = List.of(DataReaderSettings.SCHEMA, ModelReaderSettings.SCHEMA,
                AttentionScorerSettings.SCHEMA, FilterPrunerSettings.SCHEMA, FineTunerSettings.SCHEMA, EvaluatorSettings.SCHEMA);
        List<Function<Map<String, String>, ? extends SettingsBase>> parsers = List.of(DataReaderSettings::from,
                ModelReaderSettings::from, AttentionScorerSettings::from, FilterPrunerSettings::from, FineTunerSettings::from,
                EvaluatorSettings::from);
        for (int i = 0; i < schemas.size(); i++) {
            Map<String, String> values = new HashMap<>(schemas.get(i).defaults());
            values.putAll(i == 0 ? FOLDERS : Map.of());
            SettingsBase settings = parsers.get(i).apply(values);
            assertEquals(values, settings.asMap(), schemas.get(i).nodeName());
            assertEquals(schemas.get(i).defs().size(), settings.asMap().size());
        }
    }

    @Test
    void missingKeysTakeTheirDefaults() {
        FineTunerSettings settings = FineTunerSettings.from(Map.of());
        assertEquals(10, settings.training().epochs());
        assertEquals(TrainingSettings.DEFAULTS.batchSize(), settings.training().batchSize());
        assertEquals("train", settings.rows().rows());
        assertEquals("test", EvaluatorSettings.from(Map.of()).rows().rows());
    }

    @Test
    void valuesAreParsedIntoTheEngineSettings() {
        FineTunerSettings tuner = FineTunerSettings.from(map("epochs", " 7 ", "learning_rate", "2.5E-4", "schedule", "STEP",
                "flip", "False", "seed", "2147483647"));
        assertEquals(7, tuner.training().epochs());
        assertEquals(2.5e-4, tuner.training().learningRate());
        assertEquals(TrainingSettings.Schedule.STEP, tuner.training().schedule());
        assertEquals(false, tuner.training().flip());
        assertEquals(2147483647L, tuner.training().seed());
        assertEquals("step", tuner.asMap().get("schedule"));

        PruneSettings ratio = FilterPrunerSettings.from(map("mode", "ratio", "ratio", "0.3")).prune();
        assertEquals(PruneSettings.ratio(0.3, PruneSettings.DEFAULT_MIN_CHANNELS), ratio);
        PruneSettings budget = FilterPrunerSettings.from(map("mode", "keep_params", "keep_params", "0.2", "min_channels", "2"))
                .prune();
        assertEquals(PruneSettings.keepParams(0.2, 2), budget);

        ScoringSettings scoring = AttentionScorerSettings.from(map("method", "saca", "saca_grids", " 1, 3 ",
                "gate_sparsity", "0")).scoring();
        assertArrayEquals(new int[] {1, 3}, scoring.sacaGrids());
        assertEquals(0.0, scoring.gateSparsity());
    }

    @Test
    void badSacaGridsAndGateSparsityAreRejectedNamingTheSetting() {
        for (String grids : new String[] {"", "1,,4", "1,two", "0,2"}) {
            String message = error(() -> AttentionScorerSettings.from(map("method", "saca", "saca_grids", grids)));
            assertTrue(message.startsWith("SACA grid sizes must be positive whole numbers"), message);
        }
        for (String lambda : new String[] {"", "tiny", "-1e-6", "1"}) {
            String message = error(() -> AttentionScorerSettings.from(map("method", "se", "gate_sparsity", lambda)));
            assertTrue(message.startsWith("Gate sparsity must be a number in [0, 1)"), message);
        }
    }

    @Test
    void outOfBoundsValuesAreRejectedNamingTheSetting() {
        assertEquals("Epochs [epochs] must be between 1 and 100000, got 0",
                error(() -> FineTunerSettings.from(map("epochs", "0"))));
        assertEquals("Ratio [ratio] must be between 0.01 and 0.99, got 1.5",
                error(() -> FilterPrunerSettings.from(map("ratio", "1.5"))));
        assertEquals("Latency runs [latency_runs] must be between 20 and 100000, got 3",
                error(() -> EvaluatorSettings.from(map("latency_runs", "3"))));
    }

    @Test
    void malformedValuesAreRejectedNamingTheSetting() {
        assertEquals("Batch size [batch_size] must be a whole number, got 'eight'",
                error(() -> FineTunerSettings.from(map("batch_size", "eight"))));
        assertEquals("Learning rate [learning_rate] must be a number, got 'fast'",
                error(() -> FineTunerSettings.from(map("learning_rate", "fast"))));
        assertEquals("Flip augmentation [flip] must be true or false, got 'yes'",
                error(() -> FineTunerSettings.from(map("flip", "yes"))));
        assertTrue(error(() -> FineTunerSettings.from(map("learning_rate", "NaN"))).contains("a finite number"));
        assertTrue(error(() -> FineTunerSettings.from(map("epochs", "99999999999"))).contains("a whole number"));
    }

    @Test
    void choicesAreCheckedAndListed() {
        String message = error(() -> AttentionScorerSettings.from(map("method", "taylor")));
        assertEquals("Method [method] must be one of l1, l2, se, eca, cbam, saca, sbca, got 'taylor'", message);
        assertEquals("ratio", FilterPrunerSettings.from(map("mode", "Ratio")).asMap().get("mode"));
    }

    @Test
    void theRuntimeDefaultsToDl4jAndABadOneIsRejectedNamingTheSetting() {
        assertEquals(InferenceRuntime.DL4J, EvaluatorSettings.from(Map.of()).runtime());
        assertEquals(InferenceRuntime.DL4J, PredictorSettings.from(Map.of()).runtime());
        assertEquals(InferenceRuntime.ONNXRUNTIME, EvaluatorSettings.from(map("runtime", "ONNXRuntime")).runtime());
        assertEquals(InferenceRuntime.ONNXRUNTIME, PredictorSettings.from(map("runtime", "onnxruntime")).runtime());
        assertEquals("Runtime [runtime] must be one of dl4j, onnxruntime, got 'tensorrt'",
                error(() -> EvaluatorSettings.from(map("runtime", "tensorrt"))));
        assertEquals("Runtime [runtime] must be one of dl4j, onnxruntime, got 'onnx'",
                error(() -> PredictorSettings.from(map("runtime", "onnx"))));
    }

    @Test
    void theScorerOffersAllSevenMethodsWithTheirDescriptions() {
        SettingDef method = AttentionScorerSettings.SCHEMA.def("method");
        assertEquals(List.of("l1", "l2", "se", "eca", "cbam", "saca", "sbca"), method.choices());
        for (int i = 0; i < method.choices().size(); i++) {
            FilterScorer scorer = Scorers.byName(method.choices().get(i));
            assertTrue(method.choiceDocs().get(i).startsWith(scorer.description()), method.choices().get(i));
        }
        assertTrue(method.choiceDocs().get(5).contains("SegPrune's definition"));
        assertTrue(method.choiceDocs().get(6).contains("SegPrune's definition"));
        assertEquals("se", AttentionScorerSettings.from(map("method", "se")).scorer().name());
        // issue 13: the Attention Scorer's default is the paper's attention method SACA, not the magnitude l1
        assertEquals("saca", AttentionScorerSettings.from(Map.of()).scorer().name());
        assertEquals("Segmentation Model Reader", Steps.MODEL_READER.name());
    }

    @Test
    void crossChecksOfTheEngineApply() {
        assertEquals("choose the images folder", error(() -> DataReaderSettings.from(Map.of())));
        assertEquals("choose the masks folder", error(() -> DataReaderSettings.from(map("images_folder", "x"))));
        assertEquals("choose the model file to read", error(() -> ModelReaderSettings.from(map("source", "file"))));
        assertTrue(error(() -> ModelReaderSettings.from(map("input_size", "100", "depth", "3")))
                .contains("must be a multiple of 8"));
        assertTrue(error(() -> ModelReaderSettings.from(map("input_channels", "2"))).contains("input channels must be 1 or 3"));
    }

    @Test
    void settingsThatDoNotApplyAreNotRequired() {
        ModelReaderSettings file = ModelReaderSettings.from(map("source", "file", "model_file", "m.zip", "input_size", "100"));
        assertTrue(file.readsFile());
        assertEquals(null, file.spec());
        assertTrue(ModelReaderSettings.SCHEMA.def("input_size").appliesTo(map("source", "new")));
        assertTrue(!ModelReaderSettings.SCHEMA.def("input_size").appliesTo(map("source", "file")));
    }

    @Test
    void unknownKeysAreRejectedOnlyWhenChecked() {
        FineTunerSettings.from(map("epochs", "3", "not_a_setting", "1"));
        String message = error(() -> FineTunerSettings.SCHEMA.checkKnown(List.of("epochs", "epoch")));
        assertTrue(message.startsWith("Fine-Tuner has no setting 'epoch' (its settings: epochs, batch_size"), message);
    }

    @Test
    void relativeFoldersResolveAgainstTheGivenBase() {
        DataReaderSettings settings = DataReaderSettings.from(FOLDERS);
        assertEquals(java.nio.file.Path.of("/wf/imgs"), settings.imagesFolder(java.nio.file.Path.of("/wf")));
        assertEquals(java.nio.file.Path.of("imgs"), settings.imagesFolder(null));
        DataReaderSettings absolute = DataReaderSettings.from(map("images_folder", "/data/i", "masks_folder", "../m"));
        assertEquals(java.nio.file.Path.of("/data/i"), absolute.imagesFolder(java.nio.file.Path.of("/wf/x")));
        assertEquals(java.nio.file.Path.of("/wf/m"), absolute.masksFolder(java.nio.file.Path.of("/wf/x")));
    }
}
