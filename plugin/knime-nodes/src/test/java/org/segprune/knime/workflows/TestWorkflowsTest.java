package org.segprune.knime.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

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
 * {@link TestWorkflows} (their phantoms compared by pixels), they load with KNIME's XMLConfig reader, every
 * node's {@code model} config passes its NodeModel's validateSettings, and the annotations read as KNIME
 * reads them. Run with {@code -Dsegprune.regenerate=true} to rewrite them.
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
                String outOfDate = committed.resolve(file) + " is out of date: run the tests with -Dsegprune.regenerate=true";
                if (file.toString().endsWith(".png")) {
                    // pixels, not bytes: another JDK's PNG encoder may compress the same image differently
                    assertArrayEquals(pixels(generated.resolve(file)), pixels(committed.resolve(file)), outOfDate);
                } else {
                    assertEquals(Files.readString(generated.resolve(file)), Files.readString(committed.resolve(file)),
                        outOfDate);
                }
            }
        }
    }

    private static int[] pixels(final Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
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

    /**
     * Reads every annotation the way KNIME's loader does (LoaderUtils.loadAnnotationDef in knime-core: text,
     * bgcolor, x-/y-coordinate, width, height, borderSize, borderColor, defFontSize, annotation-version,
     * alignment, styles), and checks that each node sits in exactly one step's annotation and that a title
     * annotation says where the data comes from.
     */
    @Test
    void everyWorkflowsAnnotationsParseAndExplainEveryNode() throws Exception {
        for (TestWorkflows.Workflow workflow : TestWorkflows.all()) {
            Path file = COMMITTED.resolve(workflow.folder()).resolve("workflow.knime");
            NodeSettingsRO flow;
            try (InputStream in = Files.newInputStream(file)) {
                flow = NodeSettings.loadFromXML(in);
            }
            List<TestWorkflows.Annotation> read = new ArrayList<>();
            NodeSettingsRO annotations = flow.getNodeSettings("annotations");
            for (String key : annotations.keySet()) {
                NodeSettingsRO a = annotations.getNodeSettings(key);
                assertEquals("text/plain", a.getString("contentType"), key);
                assertTrue(Set.of("LEFT", "CENTER", "RIGHT").contains(a.getString("alignment")), key);
                assertTrue(a.getInt("borderSize") >= 0 && a.getInt("defFontSize") > 0, key);
                assertEquals(WorkflowWriter.ANNOTATION_VERSION, a.getInt("annotation-version"), key);
                assertEquals(a.getInt("bgcolor"), a.getInt("borderColor"), key);
                assertEquals(0, a.getNodeSettings("styles").keySet().size(), key);
                read.add(new TestWorkflows.Annotation(a.getString("text"), a.getInt("x-coordinate"),
                    a.getInt("y-coordinate"), a.getInt("width"), a.getInt("height"), a.getInt("bgcolor")));
            }
            assertEquals(workflow.annotations(), read, file.toString());
            for (TestWorkflows.Node node : workflow.nodes()) {
                long boxes = read.stream().filter(a -> a.contains(node)).count();
                assertEquals(1, boxes, file + ": node #" + node.id() + " lies in " + boxes + " annotations");
            }
            assertTrue(read.stream().anyMatch(a -> workflow.nodes().stream().noneMatch(a::contains)
                && a.text().contains("data folder")), file + " has no title annotation about its data");
            assertTrue(read.stream().allMatch(a -> a.text().length() > 60), file + ": an annotation says too little");
        }
    }

    @Test
    void everyWorkflowReadsTheDataItCarries() throws IOException {
        for (TestWorkflows.Workflow workflow : TestWorkflows.all()) {
            Path data = COMMITTED.resolve(workflow.folder()).resolve("data");
            for (String folder : List.of("images", "masks")) {
                assertEquals(TestWorkflows.PHANTOMS.count(), files(data.resolve(folder)).size(), data + "/" + folder);
            }
            WorkflowDefinition definition = WorkflowDefinition.load(COMMITTED.resolve(workflow.folder()));
            for (WorkflowDefinition.NodeEntry node : definition.nodes()) {
                if (node.factory().equals(Steps.DATA_READER.about().factory())) {
                    assertEquals("knime://knime.workflow/data/images", node.settings().get("images_folder"));
                    assertEquals("knime://knime.workflow/data/masks", node.settings().get("masks_folder"));
                }
            }
        }
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
