package org.knime.core.node.config.base;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes config trees in KNIME's XMLConfig format (namespace {@value #NAMESPACE}), the format of
 * workflow.knime and settings.xml files:
 *
 * <pre>
 * &lt;config xmlns=... key="settings.xml"&gt;
 *     &lt;entry key="name" type="xstring" value="..."/&gt;
 *     &lt;entry key="none" type="xstring" isnull="true" value=""/&gt;
 *     &lt;config key="sub"&gt; ... &lt;/config&gt;
 * &lt;/config&gt;
 * </pre>
 *
 * Characters XML can't carry (below 32, above 0xD7FF) and the sequence "%%" are written as "%%ddddd" (5-digit decimal
 * code), exactly as KNIME does. Old documents with a DOCTYPE are read without fetching the DTD.
 */
public final class XMLConfig {

    /** dtd name from class name (referenced by very old config files). */
    public static final String DTD_NAME = XMLConfig.class.getName().replace('.', '/') + ".dtd";

    static final String NAMESPACE = "http://www.knime.org/2008/09/XMLConfig";

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static final String SCHEMA_LOCATION = NAMESPACE + " http://www.knime.org/XMLConfig_2008_09.xsd";

    private static final String INDENT = "    ";

    private XMLConfig() {
    }

    /**
     * Reads from the given input stream into the given config object (the root element's key becomes the config's
     * key). The stream is read as UTF-8, like KNIME does.
     */
    public static void load(final ConfigBase c, final InputStream in)
        throws SAXException, IOException, ParserConfigurationException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setValidating(false);
        factory.setNamespaceAware(false);
        SAXParser parser = factory.newSAXParser();
        XMLReader reader = parser.getXMLReader();
        try {
            reader.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (SAXException e) {
            // parser without this feature: the entity resolver below still keeps the DTD local
        }
        Handler handler = new Handler(c);
        reader.setContentHandler(handler);
        reader.setErrorHandler(handler);
        reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        BufferedReader buf = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            reader.parse(new InputSource(buf));
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException | SAXException e) {
            throw new IOException("Unable to parse xml: " + e.getMessage(), e);
        }
    }

    /** Saves the config as XML. <em>The stream is closed at the end.</em> */
    public static void save(final ConfigBase config, final OutputStream output) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8))) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            write(config, w, 0);
        }
    }

    private static void write(final ConfigBase c, final Writer w, final int depth) throws IOException {
        String indent = INDENT.repeat(depth);
        w.write(indent);
        w.write("<config");
        if (depth == 0) {
            attr(w, "xmlns", NAMESPACE);
            attr(w, "xmlns:xsi", XSI);
            attr(w, "xsi:schemaLocation", SCHEMA_LOCATION);
        }
        attr(w, "key", c.getKey());
        boolean hasChildren = false;
        for (String key : c.keySet()) {
            AbstractConfigEntry e = c.getEntry(key);
            if (e instanceof ConfigTransientStringEntry) {
                continue; // never persisted
            }
            if (!hasChildren) {
                w.write(">\n");
                hasChildren = true;
            }
            if (e instanceof ConfigBase) {
                write((ConfigBase)e, w, depth + 1);
            } else {
                w.write(indent);
                w.write(INDENT);
                w.write("<entry");
                attr(w, "key", key);
                attr(w, "type", e.getType().name());
                String value = e.toStringValue();
                if (value == null) {
                    attr(w, "isnull", "true");
                    value = "";
                }
                attr(w, "value", escape(value));
                w.write("/>\n");
            }
        }
        if (hasChildren) {
            w.write(indent);
            w.write("</config>\n");
        } else {
            w.write("/>\n");
        }
    }

    private static void attr(final Writer w, final String name, final String value) throws IOException {
        w.write(' ');
        w.write(name);
        w.write("=\"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '&' -> w.write("&amp;");
                case '<' -> w.write("&lt;");
                case '>' -> w.write("&gt;");
                case '"' -> w.write("&quot;");
                case '\t' -> w.write("&#9;"); // only reachable for keys; values are %%-escaped
                case '\n' -> w.write("&#10;");
                case '\r' -> w.write("&#13;");
                default -> w.write(ch);
            }
        }
        w.write('"');
    }

    /** KNIME's value escaping: characters below 32 or above 0xD7FF, and a '%' starting "%%", become "%%ddddd". */
    static String escape(final String s) {
        char[] c = s.toCharArray();
        StringBuilder buf = new StringBuilder(c.length);
        for (int i = 0; i < c.length; i++) {
            if ((c[i] < 32) || (c[i] > 0xd7ff) || ((i < c.length - 1) && (c[i] == '%') && c[i + 1] == '%')) {
                buf.append("%%");
                String code = Integer.toString(c[i]);
                buf.append("0".repeat(5 - code.length())).append(code);
            } else {
                buf.append(c[i]);
            }
        }
        return buf.toString();
    }

    /** Inverse of {@link #escape(String)}; unescaped input passes through unchanged. */
    static String unescape(final String s) {
        if (s == null) {
            return null;
        }
        char[] c = s.toCharArray();
        StringBuilder buf = new StringBuilder(c.length);
        for (int i = 0; i < c.length; i++) {
            if ((c[i] == '%') && (i < c.length - 6) && c[i + 1] == '%' && Character.isDigit(c[i + 2])
                && Character.isDigit(c[i + 3]) && Character.isDigit(c[i + 4]) && Character.isDigit(c[i + 5])
                && Character.isDigit(c[i + 6])) {
                buf.append((char)((c[i + 2] - '0') * 10000 + (c[i + 3] - '0') * 1000 + (c[i + 4] - '0') * 100
                    + (c[i + 5] - '0') * 10 + (c[i + 6] - '0')));
                i += 6;
            } else {
                buf.append(c[i]);
            }
        }
        return buf.toString();
    }

    /** SAX handler building the tree: the first config element is the root, later ones are sub configs. */
    private static final class Handler extends DefaultHandler {

        private final Deque<ConfigBase> m_stack = new ArrayDeque<>();

        private boolean m_isFirst = true;

        Handler(final ConfigBase root) {
            m_stack.push(root);
        }

        @Override
        public void startElement(final String uri, final String localName, final String qName,
            final Attributes attributes) throws SAXException {
            ConfigBase peek = m_stack.peek();
            if (ConfigEntries.config.name().equals(qName)) {
                String key = attributes.getValue("key");
                if (m_isFirst) {
                    m_isFirst = false;
                    if (key != null) {
                        peek.setKey(key);
                    }
                } else {
                    m_stack.push(peek.addConfigBase(key));
                }
            } else if ("entry".equals(qName)) {
                if (m_isFirst) {
                    throw new SAXException("First element in xml is not a config");
                }
                String key = attributes.getValue("key");
                String type = attributes.getValue("type");
                String value = unescape(attributes.getValue("value"));
                ConfigEntries entryType;
                try {
                    entryType = ConfigEntries.valueOf(type);
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new SAXException("Invalid type ('" + type + "') for key '" + key + "' in XML file.");
                }
                if ("true".equals(attributes.getValue("isnull"))) {
                    value = null;
                }
                try {
                    peek.addEntry(entryType.createEntry(key, value));
                } catch (RuntimeException e) {
                    throw new SAXException("Invalid value for key '" + key + "' (type " + type + "): " + value, e);
                }
            } else {
                throw new SAXException("\"" + qName + "\" is not a valid tag name.");
            }
        }

        @Override
        public void endElement(final String uri, final String localName, final String qName) {
            if (ConfigEntries.config.name().equals(qName) && m_stack.size() > 1) {
                m_stack.pop();
            }
        }

        @Override
        public void warning(final SAXParseException e) throws SAXException {
            throw new SAXException("line=" + e.getLineNumber() + ": " + e.getMessage(), e);
        }

        @Override
        public void error(final SAXParseException e) throws SAXException {
            throw new SAXException("line=" + e.getLineNumber() + ": " + e.getMessage(), e);
        }

        @Override
        public void fatalError(final SAXParseException e) throws SAXException {
            throw new SAXException("line=" + e.getLineNumber() + ": " + e.getMessage(), e);
        }
    }
}
