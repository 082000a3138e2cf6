package org.segprune.knime.workflows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.config.Config;
import org.segprune.data.PhantomGenerator;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.knime.nodes.StepNodeModel;
import org.segprune.step.Port;
import org.segprune.step.Step;
import org.segprune.step.Steps;
import org.segprune.util.Progress;

/**
 * Writes a {@link TestWorkflows.Workflow} as a KNIME 5.x workflow folder (format 5.1.0), un-executed:
 * workflow.knime with its annotations, one "Name (#id)/settings.xml" per node, with KNIME's XMLConfig
 * writer, and the generated phantoms in {@code data/}. Each node's {@code model} config is what its
 * NodeModel's saveSettingsTo writes, after setting the workflow's values.
 */
public final class WorkflowWriter {

    /**
     * The newest annotation version of KNIME 5.x (AnnotationData.VERSION_20230412, what the modern UI writes);
     * the keys are those LoaderUtils.loadAnnotationDef of knime-core reads.
     */
    static final int ANNOTATION_VERSION = 20230412;

    /** KNIME's default annotation border width and font size. */
    static final int BORDER_SIZE = 10;

    static final int FONT_SIZE = 9;

    /** The KNIME version the files claim to be written by (the minimum the extension supports). */
    static final String CREATED_BY = "5.5.0";

    static final String BUNDLE = "org.segprune.knime";

    static final String BUNDLE_NAME = "SegPrune KNIME nodes";

    static final String BUNDLE_VENDOR = "SegPrune";

    static final String BUNDLE_VERSION = "0.1.0";

    private WorkflowWriter() {
    }

    /** Writes the workflow into {@code parent/<folder>} (created; existing files are overwritten). */
    public static Path write(final TestWorkflows.Workflow workflow, final Path parent) throws IOException {
        Path dir = parent.resolve(workflow.folder());
        Files.createDirectories(dir);
        Map<Integer, String> folders = new LinkedHashMap<>();
        for (TestWorkflows.Node node : workflow.nodes()) {
            NodeFactory<?> factory = NodeModels.factory(node.factory());
            String name = factory.getNodeName();
            String folder = name + " (#" + node.id() + ")";
            folders.put(node.id(), folder);
            Files.createDirectories(dir.resolve(folder));
            save(nodeSettings(node, factory, name), dir.resolve(folder).resolve("settings.xml"));
        }
        save(workflowSettings(workflow, folders), dir.resolve("workflow.knime"));
        TestWorkflows.Phantoms phantoms = TestWorkflows.PHANTOMS;
        PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, phantoms.count(), phantoms.size(),
            phantoms.seed(), Progress.NONE);
        return dir;
    }

    private static NodeSettings nodeSettings(final TestWorkflows.Node node, final NodeFactory<?> factory,
        final String name) {
        Step<?> type = Steps.all().stream().filter(t -> t.about().factory().equals(node.factory())).findFirst()
            .orElseThrow();
        StepNodeModel model = (StepNodeModel)factory.createNodeModel();
        model.getSettingsAdapter().setValues(node.settings());
        NodeSettings s = new NodeSettings("settings.xml");
        s.addString("node_file", "settings.xml");
        s.addNodeSettings("flow_stack");
        s.addNodeSettings("internal_node_subsettings").addString("memory_policy", "CacheSmallInMemory");
        model.getSettingsAdapter().saveSettingsTo(s.addNodeSettings("model"));
        s.addString("customDescription", null);
        s.addString("state", "IDLE");
        s.addString("factory", node.factory());
        s.addString("node-name", name);
        s.addString("node-bundle-name", BUNDLE_NAME);
        s.addString("node-bundle-symbolic-name", BUNDLE);
        s.addString("node-bundle-vendor", BUNDLE_VENDOR);
        s.addString("node-bundle-version", BUNDLE_VERSION);
        s.addString("node-feature-name", null);
        s.addString("node-feature-symbolic-name", null);
        s.addString("node-feature-vendor", null);
        s.addString("node-feature-version", "0.0.0");
        s.addNodeSettings("factory_settings");
        s.addString("name", name);
        s.addBoolean("hasContent", false);
        s.addBoolean("isInactive", false);
        NodeSettingsWO ports = s.addNodeSettings("ports");
        for (int i = 1; i <= type.outputs().size(); i++) {
            NodeSettingsWO port = ports.addNodeSettings("port_" + i);
            port.addInt("index", i);
            port.addString("port_dir_location", null);
        }
        NodeSettingsWO filestores = s.addNodeSettings("filestores");
        filestores.addString("file_store_location", null);
        filestores.addString("file_store_id", null);
        return s;
    }

    private static NodeSettings workflowSettings(final TestWorkflows.Workflow workflow,
        final Map<Integer, String> folders) {
        NodeSettings w = new NodeSettings("workflow.knime");
        w.addString("created_by", CREATED_BY);
        w.addBoolean("created_by_nightly", false);
        w.addString("version", "5.1.0");
        w.addString("name", null);
        NodeSettingsWO author = w.addNodeSettings("authorInformation");
        author.addString("authored-by", "SegPrune");
        author.addString("authored-when", "2025-07-01 00:00:00 +0000");
        author.addString("lastEdited-by", null);
        author.addString("lastEdited-when", null);
        w.addString("customDescription", null);
        w.addString("state", "IDLE");
        w.addNodeSettings("workflow_credentials");
        NodeSettingsWO nodes = w.addNodeSettings("nodes");
        for (TestWorkflows.Node node : workflow.nodes()) {
            NodeSettingsWO n = nodes.addNodeSettings("node_" + node.id());
            n.addInt("id", node.id());
            n.addString("node_settings_file", folders.get(node.id()) + "/settings.xml");
            n.addBoolean("node_is_meta", false);
            n.addString("node_type", "NativeNode");
            n.addString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            n.addNodeSettings("ui_settings").addIntArray("extrainfo.node.bounds", node.x(), node.y(), -1, -1);
        }
        NodeSettingsWO connections = w.addNodeSettings("connections");
        int i = 0;
        for (TestWorkflows.Connection c : workflow.connections()) {
            NodeSettingsWO conn = connections.addNodeSettings("connection_" + i++);
            conn.addInt("sourceID", c.source());
            conn.addInt("destID", c.dest());
            conn.addInt("sourcePort", c.sourcePort());
            conn.addInt("destPort", c.destPort());
        }
        NodeSettingsWO annotations = w.addNodeSettings("annotations");
        i = 0;
        for (TestWorkflows.Annotation a : workflow.annotations()) {
            NodeSettingsWO note = annotations.addNodeSettings("annotation_" + i++);
            note.addString("text", a.text());
            note.addString("contentType", "text/plain");
            note.addInt("bgcolor", a.color());
            note.addInt("x-coordinate", a.x());
            note.addInt("y-coordinate", a.y());
            note.addInt("width", a.width());
            note.addInt("height", a.height());
            note.addString("alignment", "LEFT");
            note.addInt("borderSize", BORDER_SIZE);
            note.addInt("borderColor", a.color());
            note.addInt("defFontSize", FONT_SIZE);
            note.addInt("annotation-version", ANNOTATION_VERSION);
            note.addNodeSettings("styles");
        }
        return w;
    }

    private static void save(final Config config, final Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            config.saveToXML(out);
        }
    }

    /** Regenerates test-workflows/ of the project: {@code WorkflowWriter <project root>}. */
    public static void main(final String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : ".").resolve("test-workflows");
        for (TestWorkflows.Workflow workflow : TestWorkflows.all()) {
            System.out.println("wrote " + write(workflow, target));
        }
    }
}
