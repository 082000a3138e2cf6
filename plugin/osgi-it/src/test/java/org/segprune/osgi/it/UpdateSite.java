package org.segprune.osgi.it;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The update-site zip as a KNIME user gets it: entries, p2 metadata (content.xml, artifacts.xml) and bundles. */
final class UpdateSite implements Closeable {

    record Required(String namespace, String name, String range, boolean optional) {
    }

    record Unit(String id, String version, Map<String, String> properties, List<Required> required, String filter) {
        boolean isCategory() {
            return "true".equals(properties.get("org.eclipse.equinox.p2.type.category"));
        }

        boolean isGroup() {
            return "true".equals(properties.get("org.eclipse.equinox.p2.type.group"));
        }
    }

    record Artifact(String classifier, String id, String version) {
    }

    final Path file;
    final ZipFile zip;
    final List<Unit> units = new ArrayList<>();
    final List<Artifact> artifacts = new ArrayList<>();
    /** plugins/*.jar entry name -> parsed bundle */
    final Map<String, BundleJar> bundles = new LinkedHashMap<>();

    UpdateSite(Path file) throws Exception {
        this.file = file;
        this.zip = new ZipFile(file.toFile());
        readContent();
        readArtifacts();
        for (String name : entryNames()) {
            if (name.startsWith("plugins/") && name.endsWith(".jar")) {
                try (InputStream in = open(name)) {
                    bundles.put(name, BundleJar.read(name, in));
                }
            }
        }
    }

    List<String> entryNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
            names.add(e.nextElement().getName());
        }
        Collections.sort(names);
        return names;
    }

    InputStream open(String entry) throws IOException {
        ZipEntry zipEntry = zip.getEntry(entry);
        if (zipEntry == null) {
            throw new IOException(file + " has no entry " + entry);
        }
        return zip.getInputStream(zipEntry);
    }

    Optional<Unit> unit(String id) {
        return units.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    Optional<BundleJar> bundle(String symbolicName) {
        return bundles.values().stream().filter(b -> symbolicName.equals(b.symbolicName())).findFirst();
    }

    private Document parse(String entry) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        try (InputStream in = open(entry)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private void readContent() throws Exception {
        Document content = parse("content.xml");
        NodeList unitNodes = content.getElementsByTagName("unit");
        for (int i = 0; i < unitNodes.getLength(); i++) {
            Element unit = (Element) unitNodes.item(i);
            Map<String, String> properties = new LinkedHashMap<>();
            List<Required> required = new ArrayList<>();
            String filter = null;
            for (Element child : children(unit)) {
                switch (child.getTagName()) {
                    case "properties" -> children(child).forEach(p -> properties.put(p.getAttribute("name"), p.getAttribute("value")));
                    case "requires" -> children(child).stream().filter(r -> r.getTagName().equals("required"))
                            .forEach(r -> required.add(new Required(r.getAttribute("namespace"), r.getAttribute("name"),
                                    r.getAttribute("range"), "true".equals(r.getAttribute("optional")))));
                    case "filter" -> filter = child.getTextContent().trim();
                    default -> {
                    }
                }
            }
            units.add(new Unit(unit.getAttribute("id"), unit.getAttribute("version"), properties, required, filter));
        }
    }

    private void readArtifacts() throws Exception {
        NodeList nodes = parse("artifacts.xml").getElementsByTagName("artifact");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element a = (Element) nodes.item(i);
            artifacts.add(new Artifact(a.getAttribute("classifier"), a.getAttribute("id"), a.getAttribute("version")));
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                result.add(element);
            }
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
