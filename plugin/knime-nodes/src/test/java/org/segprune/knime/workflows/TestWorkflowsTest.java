package org.segprune.knime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.step.Steps;
import org.segprune.workflow.WorkflowDefinition;

/**
 * The committed test workflows (test-workflows/) are exactly what {@link WorkflowWriter} writes from
 * {@link TestWorkflows}, they load with KNIME's XMLConfig reader, and every node's {@code model} config
 * passes its NodeModel's validateSettings. Run with {@code -Dsegprune.regenerate=true} to rewrite them.
 */
class TestWorkflowsTest {

    static final Path ROOT = Path.of(System.getProperty("segprune.root", "../.."));

    static final Path COMMITTED = ROOT.resolve("test-workflows");

    @Test
    void committedWorkflowsAreTheGeneratedOnes(@TempDir final Path tmp) throws IOException {
        for (TestWorkflows.Workflow workflow : TestWorkflows.all()) {
            if (Boolean.getBoolean("segprune.regenerate")) {
                WorkflowWriter.write(workflow, COMMITTED);
            }
            Path generated = WorkflowWriter.write(workflow, tmp);
            Path committed = COMMITTED.resolve(workflow.folder());
            List<Path> files = files(generated);
            assertEquals(files, files(committed), "files of " + committed);
            for (Path file : files) {
                assertEquals(Files.readString(generated.resolve(file)), Files.readString(committed.resolve(file)),
                    committed.resolve(file) + " is out of date: run the tests with -Dsegprune.regenerate=true");
            }
        }
    }

    private static List<Path> files(final Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void everyNodeSettingsFileLoadsAndPassesItsNodeModelsValidation() throws Exception {
        int nodes = 0;
        for (TestWorkflows.Workflow workflow : TestWorkflows.all()) {
            Path dir = COMMITTED.resolve(workflow.folder());
            NodeSettingsRO flow;
            try (InputStream in = Files.newInputStream(dir.resolve("workflow.knime"))) {
                flow = NodeSettings.loadFromXML(in);
            }
            assertEquals("5.1.0", flow.getString("version"));
            NodeSettingsRO nodeList = flow.getNodeSettings("nodes");
            for (String key : nodeList.keySet()) {
                NodeSettingsRO entry = nodeList.getNodeSettings(key);
                NodeSettingsRO settings;
                try (InputStream in = Files.newInputStream(dir.resolve(entry.getString("node_settings_file")))) {
                    settings = NodeSettings.loadFromXML(in);
                }
                NodeFactory<?> factory = NodeModels.factory(settings.getString("factory"));
                NodeModel model = factory.createNodeModel();
                Method validate = NodeModel.class.getDeclaredMethod("validateSettings", NodeSettingsRO.class);
                validate.setAccessible(true);
                validate.invoke(model, settings.getNodeSettings("model"));
                assertEquals(factory.getNodeName(), settings.getString("name"));
                nodes++;
            }
        }
        assertEquals(TestWorkflows.all().stream().mapToInt(w -> w.nodes().size()).sum(), nodes);
    }

    @Test
    void theEngineReadsTheSameWorkflows() {
        List<String> factories = new ArrayList<>();
        for (TestWorkflows.Workflow workflow : TestWorkflows.all()) {
            WorkflowDefinition definition = WorkflowDefinition.load(COMMITTED.resolve(workflow.folder()));
            assertEquals(workflow.nodes().size(), definition.nodes().size());
            assertEquals(workflow.connections().size(), definition.connections().size());
            definition.nodes().forEach(n -> factories.add(n.factory()));
        }
        assertTrue(factories.containsAll(Steps.all().stream().map(t -> t.about().factory()).toList()),
            "every SegPrune node appears in a test workflow");
    }
}
