package org.segprune.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeFactory;
import org.segprune.node.SettingDef;
import org.segprune.score.FilterScorer;
import org.segprune.score.Scorers;
import org.segprune.workflow.NodeType;
import org.segprune.workflow.NodeTypes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Each node description documents every option and port, names its icon, and reads in KNIME's schema. */
class NodeDescriptionContentTest {

    private static List<Element> children(final Document doc, final String tag) {
        NodeList list = doc.getElementsByTagNameNS("http://knime.org/node/v5.3", tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            elements.add((Element)list.item(i));
        }
        return elements;
    }

    private static Document parse(final NodeType type) throws Exception {
        String resource = type.factory().replace('.', '/') + ".xml";
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(NodeDescriptionContentTest.class.getClassLoader()
            .getResourceAsStream(resource));
    }

    @Test
    void everyOptionAndPortIsDocumented() throws Exception {
        for (NodeType type : NodeTypes.all()) {
            Document doc = parse(type);
            assertEquals(type.schema().nodeName(), children(doc, "name").get(0).getTextContent());
            List<String> options = children(doc, "option").stream().map(e -> e.getAttribute("name")).toList();
            assertEquals(type.schema().defs().stream().map(SettingDef::label).toList(), options, type.factory());
            for (Element option : children(doc, "option")) {
                assertTrue(option.getTextContent().length() > 40, option.getAttribute("name"));
            }
            assertEquals(type.inputs().stream().map(NodeType.PortDef::name).toList(),
                children(doc, "inPort").stream().map(e -> e.getAttribute("name")).toList(), type.factory());
            assertEquals(type.outputs().stream().map(NodeType.PortDef::name).toList(),
                children(doc, "outPort").stream().map(e -> e.getAttribute("name")).toList(), type.factory());
            NodeFactory.NodeType.valueOf(doc.getDocumentElement().getAttribute("type"));
        }
    }

    @Test
    void theFrameworkReadsNameTypeAndA16x16Icon() throws Exception {
        for (NodeType type : NodeTypes.all()) {
            NodeFactory<?> factory = NodeModels.factory(type.factory());
            assertEquals(type.schema().nodeName(), factory.getNodeName());
            assertNotEquals(NodeFactory.NodeType.Unknown, factory.getType());
            BufferedImage icon = ImageIO.read(factory.getIcon());
            assertEquals(16, icon.getWidth(), type.factory());
            assertEquals(16, icon.getHeight(), type.factory());
            assertTrue(factory.getInportDescription(0).length() > 20 || type.inputs().isEmpty());
        }
    }

    @Test
    void theScorerDescribesAllSevenMethodsAndSacaSbcaAsSegPrunesOwn() throws Exception {
        Document doc = parse(NodeTypes.all().stream().filter(t -> t.factory().equals(NodeTypes.ATTENTION_SCORER))
            .findFirst().orElseThrow());
        String method = children(doc, "option").get(0).getTextContent();
        for (FilterScorer scorer : Scorers.all()) {
            assertTrue(method.contains(scorer.name() + ": " + scorer.description()), scorer.name());
        }
        assertEquals(7, Scorers.all().size());
        String intro = children(doc, "intro").get(0).getTextContent();
        assertTrue(intro.contains("saca and sbca are SegPrune's own definitions"), intro);
    }
}
