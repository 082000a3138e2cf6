package org.segprune.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.segprune.step.SettingDef;
import org.segprune.step.Step;
import org.segprune.step.Steps;

/**
 * Settings saved by the first release (the settings.xml files under src/test/resources/settings, one per node, as
 * KNIME wrote them; evaluator-runtime and predictor-runtime were saved after the runtime setting came) load in every later release; a key such a file lacks, because the setting came later, loads,
 * validates and runs with the key's documented default; a value out of bounds still fails naming the key.
 */
class SavedSettingsTest {

    /** The fixtures: frozen files, never regenerated (a later release must read what an earlier one wrote). */
    static final Path FIXTURES = Path.of("src/test/resources/settings");

    private static final Pattern ENTRY = Pattern.compile("<entry key=\"([a-z0-9_]+)\" type=\"x(\\w+)\" value=\"([^\"]*)\"/>");

    record Fixture(String node, String xml) {

        /** The node's settings.xml text without the entry {@code key} and its {@code key_Internals} config. */
        String without(final String key) {
            String removed = xml.replaceAll("\\s*<config key=\"" + key + "_Internals\">(?s:.*?)</config>", "")
                .replaceAll("\\s*<entry key=\"" + key + "\" [^>]*/>", "");
            assertTrue(removed.length() < xml.length(), node + " has no key " + key);
            return removed;
        }

        /** The text with the value of entry {@code key} replaced. */
        String with(final String key, final String value) {
            Matcher m = Pattern.compile("(<entry key=\"" + key + "\" type=\"\\w+\" value=\")[^\"]*\"").matcher(xml);
            assertTrue(m.find(), node + " has no key " + key);
            return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + value + "\""));
        }
    }

    static List<Fixture> fixtures() throws IOException {
        List<Fixture> fixtures = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            for (Path dir : dirs.sorted().toList()) {
                fixtures.add(new Fixture(dir.getFileName().toString(), Files.readString(dir.resolve("settings.xml"))));
            }
        }
        return fixtures;
    }

    private static NodeSettingsRO parse(final String xml) throws IOException {
        try (InputStream in = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
            return NodeSettings.loadFromXML(in);
        }
    }

    /** Validates and loads the file's model config into a new node model, as KNIME does when it opens a workflow. */
    private static StepNodeModel load(final String xml) throws IOException, InvalidSettingsException {
        NodeSettingsRO file = parse(xml);
        StepNodeModel model = (StepNodeModel)NodeModels.factory(file.getString("factory")).createNodeModel();
        NodeModels.validate(model, (NodeSettings)file.getNodeSettings("model"));
        NodeModels.load(model, (NodeSettings)file.getNodeSettings("model"));
        return model;
    }

    /** The values the file holds, by key (the XML entries of its model config). */
    private static Map<String, String> saved(final String xml) {
        String model = xml.substring(xml.indexOf("<config key=\"model\">"), xml.indexOf("<entry key=\"customDescription\""));
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(model);
        while (m.find()) {
            if (!m.group(1).equals("SettingsModelID") && !m.group(1).equals("EnabledStatus")) {
                values.put(m.group(1), m.group(3));
            }
        }
        return values;
    }

    private static Step<?> step(final StepNodeModel model) {
        String schema = model.getSettingsAdapter().getSchema().nodeName();
        return Steps.all().stream().filter(s -> s.schema().nodeName().equals(schema)).findFirst().orElseThrow();
    }

    @Test
    void thereIsAFixtureForEveryNodeOfTheFirstRelease() throws IOException {
        List<String> factories = new ArrayList<>();
        for (Fixture fixture : fixtures()) {
            factories.add(parse(fixture.xml()).getString("factory", null));
        }
        for (String node : List.of("datareader.DataReaderNodeFactory", "modelreader.ModelReaderNodeFactory",
            "scorer.AttentionScorerNodeFactory", "pruner.FilterPrunerNodeFactory", "finetuner.FineTunerNodeFactory",
            "evaluator.EvaluatorNodeFactory")) {
            assertTrue(factories.contains("org.segprune.knime.nodes." + node), factories.toString());
        }
    }

    @Test
    void everySavedFileLoadsWithTheValuesItHolds() throws Exception {
        for (Fixture fixture : fixtures()) {
            StepNodeModel model = load(fixture.xml());
            Map<String, String> values = model.getSettingsAdapter().getValues();
            Map<String, String> saved = saved(fixture.xml());
            assertTrue(saved.size() >= 4, fixture.node() + ": " + saved);
            saved.forEach((key, value) -> {
                SettingDef def = step(model).schema().def(key);
                assertEquals(def.parse(value), def.parse(values.get(key)), fixture.node() + " " + key);
            });
        }
    }

    @Test
    void aFileWithoutAKeyLoadsValidatesAndParsesWithThatKeysDefault() throws Exception {
        int checked = 0;
        for (Fixture fixture : fixtures()) {
            Map<String, String> saved = saved(fixture.xml());
            Step<?> step = Steps.byFactory(parse(fixture.xml()).getString("factory"), fixture.node());
            for (String key : saved.keySet()) {
                SettingDef def = step.schema().def(key);
                if (def.kind().isLocation() && def.defaultValue().isEmpty() && def.appliesTo(saved)) {
                    continue; // a required file or folder (no default) was there from the first release
                }
                StepNodeModel model = load(fixture.without(key));
                Map<String, String> values = model.getSettingsAdapter().getValues();
                assertEquals(def.typedDefault(), def.parse(values.get(key)), fixture.node() + " without " + key);
                // the other keys keep their saved values
                saved.forEach((other, value) -> {
                    if (!other.equals(key)) {
                        SettingDef otherDef = step(model).schema().def(other);
                        assertEquals(otherDef.parse(value), otherDef.parse(values.get(other)), fixture.node() + " " + other);
                    }
                });
                step.settings(values);
                checked++;
            }
        }
        assertTrue(checked > 25, "only " + checked + " keys checked");
    }

    @Test
    void theFirstReleasesEvaluatorHasNoRuntimeAndPredictsWithDl4j() throws Exception {
        Fixture first = fixtures().stream().filter(f -> f.node().equals("evaluator")).findFirst().orElseThrow();
        assertFalse(saved(first.xml()).containsKey(SettingDef.RUNTIME), "the first release's file predates the runtime");
        assertEquals("dl4j", load(first.xml()).getSettingsAdapter().getValues().get(SettingDef.RUNTIME));
        Fixture later = fixtures().stream().filter(f -> f.node().equals("evaluator-runtime")).findFirst().orElseThrow();
        assertEquals("onnxruntime", load(later.xml()).getSettingsAdapter().getValues().get(SettingDef.RUNTIME));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> load(later.with(SettingDef.RUNTIME, "tensorrt")));
        assertEquals("Runtime [runtime] must be one of dl4j, onnxruntime, got 'tensorrt'", e.getMessage());
    }

    @Test
    void aValueOutOfBoundsStillFailsNamingTheKey() throws Exception {
        Fixture tuner = fixtures().stream().filter(f -> f.node().equals("finetuner")).findFirst().orElseThrow();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> load(tuner.with("epochs", "0")));
        assertTrue(e.getMessage().contains("[epochs]"), e.getMessage());
        Fixture reader = fixtures().stream().filter(f -> f.node().equals("datareader")).findFirst().orElseThrow();
        e = assertThrows(InvalidSettingsException.class, () -> load(reader.with("test_fraction", "0.95")));
        assertEquals("Test fraction [test_fraction] must be between 0.0 and 0.9, got 0.95", e.getMessage());
    }
}
