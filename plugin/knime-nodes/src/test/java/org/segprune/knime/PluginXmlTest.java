package org.segprune.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;
import org.knime.core.node.port.PortType;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.step.Port;
import org.segprune.step.Step;
import org.segprune.step.Steps;
import org.segprune.step.PortKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** plugin.xml, the bundle manifest and the engine's node registry agree with the classes. */
class PluginXmlTest {

    static final Path MODULE = Path.of(System.getProperty("segprune.root", "../..")).resolve("plugin/knime-nodes");

    private static Document pluginXml() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(MODULE.resolve("plugin.xml").toFile());
    }

    private static List<Element> elements(final Document doc, final String name) {
        NodeList list = doc.getElementsByTagName(name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            elements.add((Element)list.item(i));
        }
        return elements;
    }

    @Test
    void everyNodeIsRegisteredUnderTheSegPruneCategory() throws Exception {
        Document doc = pluginXml();
        List<String> factories = new ArrayList<>();
        for (Element node : elements(doc, "node")) {
            assertEquals("/community/segprune", node.getAttribute("category-path"));
            NodeFactory<?> factory = NodeModels.factory(node.getAttribute("factory-class"));
            assertTrue(factory.getIcon() != null, node.getAttribute("factory-class") + " has no icon");
            factories.add(node.getAttribute("factory-class"));
        }
        assertEquals(Steps.all().stream().map(s -> s.about().factory()).toList(), factories);
        Element category = elements(doc, "category").get(0);
        assertEquals("/community", category.getAttribute("path"));
        assertEquals("segprune", category.getAttribute("level-id"));
        assertTrue(Files.isRegularFile(MODULE.resolve(category.getAttribute("icon"))));
    }

    @Test
    void thePortTypeNamesLoadableClassesAndSerializers() throws Exception {
        Element port = elements(pluginXml(), "portType").get(0);
        assertEquals(SegmentationModelPortObject.class, Class.forName(port.getAttribute("objectClass")));
        assertTrue(PortObjectSerializer.class.isAssignableFrom(Class.forName(port.getAttribute("objectSerializer"))));
        assertTrue(PortObjectSpecSerializer.class.isAssignableFrom(Class.forName(port.getAttribute("specSerializer"))));
        assertEquals(SegmentationModelPortObject.TYPE.getPortObjectSpecClass(), Class.forName(port.getAttribute("specClass")));
        Class.forName(port.getAttribute("objectSerializer")).getConstructor().newInstance();
        Class.forName(port.getAttribute("specSerializer")).getConstructor().newInstance();
    }

    @Test
    void theManifestDeclaresASingletonBundleOnKnime55AndTheEngine() throws Exception {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(MODULE.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        var main = manifest.getMainAttributes();
        assertEquals("org.segprune.knime;singleton:=true", main.getValue("Bundle-SymbolicName"));
        assertEquals("org.knime.core;bundle-version=\"[5.5.0,6.0.0)\",org.segprune.engine", main.getValue("Require-Bundle"));
        assertEquals("lazy", main.getValue("Bundle-ActivationPolicy"));
        assertEquals("JavaSE-17", main.getValue("Bundle-RequiredExecutionEnvironment"));
        assertEquals("2", main.getValue("Bundle-ManifestVersion"));
    }

    @Test
    void theRunnersPortsMatchTheNodeModels() throws Exception {
        Method in = NodeModel.class.getDeclaredMethod("getInPortType", int.class);
        Method out = NodeModel.class.getDeclaredMethod("getOutPortType", int.class);
        Method nrIn = NodeModel.class.getDeclaredMethod("getNrInPorts");
        Method nrOut = NodeModel.class.getDeclaredMethod("getNrOutPorts");
        for (Method m : new Method[]{in, out, nrIn, nrOut}) {
            m.setAccessible(true);
        }
        for (Step<?> type : Steps.all()) {
            NodeModel model = NodeModels.factory(type.about().factory()).createNodeModel();
            assertEquals(type.inputs().size(), nrIn.invoke(model), type.about().factory());
            assertEquals(type.outputs().size(), nrOut.invoke(model), type.about().factory());
            for (int i = 0; i < type.inputs().size(); i++) {
                PortType port = (PortType)in.invoke(model, i);
                assertEquals(type.inputs().get(i).kind(), kind(port), type.about().factory() + " in " + i);
                assertEquals(type.inputs().get(i).optional(), port.isOptional(), type.about().factory() + " in " + i);
            }
            for (int i = 0; i < type.outputs().size(); i++) {
                assertEquals(type.outputs().get(i).kind(), kind((PortType)out.invoke(model, i)), type.about().factory() + " out " + i);
            }
        }
    }

    private static PortKind kind(final PortType port) {
        if (port.getPortObjectClass() == BufferedDataTable.class) {
            return PortKind.TABLE;
        }
        assertEquals(SegmentationModelPortObject.class, port.getPortObjectClass());
        return PortKind.MODEL;
    }
}
