package org.segprune.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.step.SettingDef;
import org.segprune.step.Step;
import org.segprune.step.Steps;

/**
 * {@code segprune run} reads settings.xml files saved by the first release (the KNIME bundle's fixtures): every node
 * loads, and a key the file lacks (a setting added later) takes its documented default.
 */
class OlderSettingsTest {

    static final Path FIXTURES = Path.of("../knime-nodes/src/test/resources/settings");

    @TempDir
    Path dir;

    /** A one-node workflow whose node's settings.xml is {@code xml}. */
    private Path workflow(String name, String xml) throws IOException {
        Path flow = dir.resolve(name);
        Files.createDirectories(flow.resolve("Node (#1)"));
        Files.writeString(flow.resolve("Node (#1)/settings.xml"), xml);
        Files.writeString(flow.resolve(WorkflowDefinition.WORKFLOW_FILE), """
                <?xml version="1.0" encoding="UTF-8"?>
                <config xmlns="http://www.knime.org/2008/09/XMLConfig" key="workflow.knime">
                    <entry key="version" type="xstring" value="5.1.0"/>
                    <config key="nodes">
                        <config key="node_1">
                            <entry key="id" type="xint" value="1"/>
                            <entry key="node_settings_file" type="xstring" value="Node (#1)/settings.xml"/>
                        </config>
                    </config>
                </config>
                """);
        return flow;
    }

    private static String without(String xml, String key) {
        return xml.replaceAll("\\s*<config key=\"" + key + "_Internals\">(?s:.*?)</config>", "")
                .replaceAll("\\s*<entry key=\"" + key + "\" [^>]*/>", "");
    }

    @Test
    void everySavedNodeLoadsAndAMissingKeyTakesItsDefault() throws IOException {
        int checked = 0;
        List<Path> files;
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            files = dirs.sorted().map(d -> d.resolve("settings.xml")).toList();
        }
        assertTrue(files.size() >= 6, files.toString());
        for (Path file : files) {
            String xml = Files.readString(file);
            WorkflowDefinition.NodeEntry node = WorkflowDefinition.load(workflow("full", xml)).nodes().get(0);
            Step<?> step = Steps.byFactory(node.factory(), node.label());
            step.settings(LocationResolver.withoutWorkflow().resolveSettings(step.schema(), node.settings()));
            for (SettingDef def : step.schema().defs()) {
                if (!node.settings().containsKey(def.key())
                        || (def.kind().isLocation() && def.defaultValue().isEmpty() && def.appliesTo(node.settings()))) {
                    continue; // a required file or folder has no default to fall back on
                }
                Path older = workflow(def.key(), without(xml, def.key()));
                WorkflowDefinition loaded = WorkflowDefinition.load(older);
                Map<String, String> read = loaded.nodes().get(0).settings();
                assertTrue(!read.containsKey(def.key()), file + " still has " + def.key());
                // what segprune run does with a node's saved settings before it configures the node
                step.settings(LocationResolver.withoutWorkflow().resolveSettings(step.schema(), read));
                String value = step.schema().parse(read).asStrings().get(def.key());
                assertEquals(def.typedDefault(), def.parse(value), file + " without " + def.key());
                checked++;
            }
        }
        assertTrue(checked > 25, "only " + checked + " keys checked");
    }
}
