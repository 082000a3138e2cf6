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
import org.segprune.step.SettingDef;
import org.segprune.score.FilterScorer;
import org.segprune.score.Scorers;
import org.segprune.step.Port;
import org.segprune.step.Step;
import org.segprune.step.Steps;
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

    private static Document parse(final Step<?> type) throws Exception {
        String resource = type.about().factory().replace('.', '/') + ".xml";
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(NodeDescriptionContentTest.class.getClassLoader()
            .getResourceAsStream(resource));
    }

    @Test
    void everyOptionAndPortIsDocumented() throws Exception {
        for (Step<?> type : Steps.all()) {
            Document doc = parse(type);
            assertEquals(type.name(), children(doc, "name").get(0).getTextContent());
            List<String> options = children(doc, "option").stream().map(e -> e.getAttribute("name")).toList();
            assertEquals(type.schema().defs().stream().map(SettingDef::label).toList(), options, type.about().factory());
            for (Element option : children(doc, "option")) {
                assertTrue(option.getTextContent().length() > 40, option.getAttribute("name"));
            }
            assertEquals(type.inputs().stream().map(Port::name).toList(),
                children(doc, "inPort").stream().map(e -> e.getAttribute("name")).toList(), type.about().factory());
            assertEquals(type.outputs().stream().map(Port::name).toList(),
                children(doc, "outPort").stream().map(e -> e.getAttribute("name")).toList(), type.about().factory());
            NodeFactory.NodeType.valueOf(doc.getDocumentElement().getAttribute("type"));
        }
    }

    @Test
    void theFrameworkReadsNameTypeAndA16x16Icon() throws Exception {
        for (Step<?> type : Steps.all()) {
            NodeFactory<?> factory = NodeModels.factory(type.about().factory());
            assertEquals(type.name(), factory.getNodeName());
            assertNotEquals(NodeFactory.NodeType.Unknown, factory.getType());
            BufferedImage icon = ImageIO.read(factory.getIcon());
            assertEquals(16, icon.getWidth(), type.about().factory());
            assertEquals(16, icon.getHeight(), type.about().factory());
            assertTrue(factory.getInportDescription(0).length() > 20 || type.inputs().isEmpty());
        }
    }

    @Test
    void theScorerDescribesAllSevenMethodsAndSacaSbcaAsSegPrunesOwn() throws Exception {
        Document doc = parse(Steps.all().stream().filter(t -> t.about().factory().equals(Steps.ATTENTION_SCORER.about().factory()))
            .findFirst().orElseThrow());
        String method = children(doc, "option").get(0).getTextContent();
        for (FilterScorer scorer : Scorers.all()) {
            assertTrue(method.contains(scorer.name() + ": " + scorer.description()), scorer.name());
        }
        assertEquals(7, Scorers.all().size());
        String intro = children(doc, "intro").get(0).getTextContent();
        assertTrue(intro.contains("saca and sbca are SegPrune's own definitions"), intro);
    }

    @Test
    void theCommandLineKeysAreOneLineAtTheEndAndTheRestSpeaksToKnimeUsers() throws Exception {
        for (Step<?> type : Steps.all()) {
            Document doc = parse(type);
            for (Element option : children(doc, "option")) {
                String text = option.getTextContent();
                assertTrue(!text.contains("Key:") && !text.matches("(?s).*--[a-z].*"), type.name() + ": " + text);
            }
            Element intro = children(doc, "intro").get(0);
            NodeList paragraphs = intro.getElementsByTagNameNS("http://knime.org/node/v5.3", "p");
            String last = paragraphs.item(paragraphs.getLength() - 1).getTextContent();
            String keys = String.join(", ", type.schema().defs().stream().map(SettingDef::key).toList());
            assertEquals("Command line: segprune run WORKFLOW_DIR --set NODE.KEY=VALUE runs this node without KNIME; the keys "
                + "of its options, in order: " + keys + ".", last, type.name());
            for (int i = 0; i < paragraphs.getLength() - 1; i++) {
                assertTrue(!paragraphs.item(i).getTextContent().contains("segprune run"), type.name());
            }
        }
    }
}
