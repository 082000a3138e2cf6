package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.knime.core.node.NodeFactory.NodeType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a knimeNode description (any schema version): name, icon and type attributes, port names/descriptions,
 * views. Not API: KNIME's NodeDescription implementations are internal too.
 */
final class XmlNodeDescription extends NodeDescription {

    private final Element m_root;

    private final String m_name;

    private final String m_icon;

    private final NodeType m_type;

    private final List<String[]> m_inPorts;

    private final List<String[]> m_outPorts;

    private final List<String[]> m_views;

    private final String m_interactiveView;

    private XmlNodeDescription(final Element root) {
        m_root = root;
        m_name = text(first(root, "name"));
        String icon = root.getAttribute("icon");
        m_icon = icon.isEmpty() ? null : icon;
        NodeType type;
        try {
            type = root.hasAttribute("type") ? NodeType.valueOf(root.getAttribute("type")) : NodeType.Unknown;
        } catch (IllegalArgumentException e) {
            type = NodeType.Unknown;
        }
        m_type = type;
        setDeprecated(Boolean.parseBoolean(root.getAttribute("deprecated")));
        Element ports = first(root, "ports");
        m_inPorts = indexed(ports, "inPort");
        m_outPorts = indexed(ports, "outPort");
        m_views = indexed(first(root, "views"), "view");
        Element iv = first(root, "interactiveView");
        m_interactiveView = iv == null ? null : iv.getAttribute("name");
    }

    /** Looks up {@code <SimpleName>.xml} next to the class, walking up the superclasses (as KNIME does). */
    static NodeDescription forFactory(final Class<?> factoryClass) throws SAXException, IOException {
        for (Class<?> c = factoryClass; c != null && c != Object.class; c = c.getSuperclass()) {
            URL url = c.getResource(c.getSimpleName() + ".xml");
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    return parse(in);
                }
            }
        }
        NodeLogger.getLogger(NodeFactory.class)
            .coding("No node description found for " + factoryClass.getName() + " (expected "
                + factoryClass.getSimpleName() + ".xml next to the class)");
        return new Empty(factoryClass);
    }

    static NodeDescription parse(final InputStream in) throws SAXException, IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setExpandEntityReferences(false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            DocumentBuilder b = f.newDocumentBuilder();
            Document doc = b.parse(in);
            Element root = doc.getDocumentElement();
            if (!"knimeNode".equals(root.getLocalName())) {
                throw new SAXException("Root element is <" + root.getLocalName() + ">, expected <knimeNode>");
            }
            return new XmlNodeDescription(root);
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
    }

    private static Element first(final Element parent, final String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** @return per index: {name attribute, text} */
    private static List<String[]> indexed(final Element parent, final String localName) {
        List<String[]> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && localName.equals(e.getLocalName())) {
                int index;
                try {
                    index = Integer.parseInt(e.getAttribute("index"));
                } catch (NumberFormatException nfe) {
                    continue;
                }
                while (result.size() <= index) {
                    result.add(null);
                }
                result.set(index, new String[]{e.getAttribute("name"), text(e)});
            }
        }
        return result;
    }

    private static String text(final Element e) {
        return e == null ? null : e.getTextContent().trim().replaceAll("\\s+", " ");
    }

    private static String get(final List<String[]> list, final int index, final int field) {
        return index >= 0 && index < list.size() && list.get(index) != null ? list.get(index)[field] : null;
    }

    @Override
    public String getIconPath() {
        return m_icon;
    }

    @Override
    public String getInportDescription(final int index) {
        return get(m_inPorts, index, 1);
    }

    @Override
    public String getInportName(final int index) {
        return get(m_inPorts, index, 0);
    }

    @Override
    public String getInteractiveViewName() {
        return m_interactiveView;
    }

    @Override
    public String getNodeName() {
        return m_name;
    }

    @Override
    public String getOutportDescription(final int index) {
        return get(m_outPorts, index, 1);
    }

    @Override
    public String getOutportName(final int index) {
        return get(m_outPorts, index, 0);
    }

    @Override
    public NodeType getType() {
        return m_type;
    }

    @Override
    public int getViewCount() {
        return m_views.size();
    }

    @Override
    public String getViewDescription(final int index) {
        return get(m_views, index, 1);
    }

    @Override
    public String getViewName(final int index) {
        return get(m_views, index, 0);
    }

    @Override
    public Element getXMLDescription() {
        return m_root;
    }

    /** Used when no description file exists: the node still loads, named after its factory. */
    static final class Empty extends NodeDescription {

        private final String m_name;

        Empty(final Class<?> factoryClass) {
            m_name = factoryClass.getSimpleName().replaceFirst("(Node)?Factory$", "");
        }

        @Override
        public String getIconPath() {
            return null;
        }

        @Override
        public String getInportDescription(final int index) {
            return null;
        }

        @Override
        public String getInportName(final int index) {
            return null;
        }

        @Override
        public String getInteractiveViewName() {
            return null;
        }

        @Override
        public String getNodeName() {
            return m_name;
        }

        @Override
        public String getOutportDescription(final int index) {
            return null;
        }

        @Override
        public String getOutportName(final int index) {
            return null;
        }

        @Override
        public NodeType getType() {
            return NodeType.Unknown;
        }

        @Override
        public int getViewCount() {
            return 0;
        }

        @Override
        public String getViewDescription(final int index) {
            return null;
        }

        @Override
        public String getViewName(final int index) {
            return null;
        }

        @Override
        public Element getXMLDescription() {
            return null;
        }
    }
}
