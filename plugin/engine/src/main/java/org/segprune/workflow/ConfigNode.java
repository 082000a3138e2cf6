package org.segprune.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.segprune.util.SegPruneException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A KNIME XMLConfig tree (workflow.knime, settings.xml) read without KNIME: {@code <config key>}
 * elements nest, {@code <entry key type value [isnull]>} elements hold typed values. Values are
 * kept as strings (KNIME's %%ddddd escapes decoded); a null string entry has a null value.
 */
public final class ConfigNode {

    /** One entry: its XMLConfig type (xstring, xint, xdouble, xlong, xboolean, ...) and value. */
    public record Entry(String type, String value) {
    }

    private final String key;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, ConfigNode> children = new LinkedHashMap<>();

    private ConfigNode(String key) {
        this.key = key;
    }

    /** Reads an XMLConfig file. */
    public static ConfigNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SegPruneException("'" + file + "' does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new SegPruneException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    static ConfigNode read(InputStream in, String name) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new SegPruneException("'" + name + "' is not a KNIME XML config file: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!"config".equals(root.getLocalName())) {
            throw new SegPruneException("'" + name + "' is not a KNIME XML config file: its root element is <"
                    + root.getLocalName() + ">, not <config>");
        }
        return parse(root);
    }

    private static ConfigNode parse(Element element) {
        ConfigNode node = new ConfigNode(element.getAttribute("key"));
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (!(child instanceof Element e)) {
                continue;
            }
            String childKey = e.getAttribute("key");
            if ("config".equals(e.getLocalName())) {
                node.children.put(childKey, parse(e));
            } else if ("entry".equals(e.getLocalName())) {
                boolean isNull = "true".equals(e.getAttribute("isnull"));
                node.entries.put(childKey, new Entry(e.getAttribute("type"), isNull ? null : unescape(e.getAttribute("value"))));
            }
        }
        return node;
    }

    /** KNIME writes characters XML cannot hold, and "%%", as "%%" plus five decimal digits. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 6 < s.length() && s.charAt(i + 1) == '%' && s.substring(i + 2, i + 7).chars()
                    .allMatch(Character::isDigit)) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 7)));
                i += 6;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public String key() {
        return key;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Map<String, ConfigNode> children() {
        return children;
    }

    public boolean has(String entryKey) {
        return entries.containsKey(entryKey);
    }

    /** The sub config, or null. */
    public ConfigNode child(String childKey) {
        return children.get(childKey);
    }

    /** The value of an entry (null if the entry holds null). @throws SegPruneException if absent */
    public String string(String entryKey) {
        Entry entry = entries.get(entryKey);
        if (entry == null) {
            throw new SegPruneException("config '" + key + "' has no entry '" + entryKey + "'");
        }
        return entry.value();
    }

    public String string(String entryKey, String fallback) {
        Entry entry = entries.get(entryKey);
        return entry == null || entry.value() == null ? fallback : entry.value();
    }

    public int integer(String entryKey) {
        String value = string(entryKey);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw new SegPruneException("config '" + key + "': entry '" + entryKey + "' is not a whole number: " + value);
        }
    }

    /**
     * The entries of this config as key -> string (null strings become ""), skipping sub configs
     * (such as the {@code <key>_Internals} configs KNIME's settings models write).
     */
    public Map<String, String> flatValues() {
        Map<String, String> values = new LinkedHashMap<>();
        entries.forEach((k, entry) -> values.put(k, entry.value() == null ? "" : entry.value()));
        return values;
    }
}
