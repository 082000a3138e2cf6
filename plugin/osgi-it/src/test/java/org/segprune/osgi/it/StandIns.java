package org.segprune.osgi.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The stand-in for KNIME's bundle org.knime.core, built from the compile-only knime-api subset: symbolic
 * name org.knime.core, version 5.5.0, exporting the subset's packages (org.knime.* and the one
 * org.apache.xmlbeans class), never the project's test helpers. Test-only: knime-api is never shipped.
 */
final class StandIns {

    static final String KNIME_CORE = "org.knime.core";
    static final String KNIME_VERSION = "5.5.0";

    private StandIns() {
    }

    /** @param knimeApi the knime-api jar (or its classes folder when the reactor only compiled it) */
    static Path knimeCore(Path knimeApi, Path outDir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (Files.isDirectory(knimeApi)) {
            try (Stream<Path> files = Files.walk(knimeApi)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    entries.put(knimeApi.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        } else {
            try (JarFile jar = new JarFile(knimeApi.toFile())) {
                for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                    if (!entry.isDirectory()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            entries.put(entry.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        Set<String> packages = new TreeSet<>();
        Map<String, byte[]> kept = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.startsWith("org/knime/") || name.startsWith("org/apache/xmlbeans/")) {
                kept.put(name, bytes);
                if (name.endsWith(".class")) {
                    packages.add(BundleJar.packageOf(name));
                }
            }
        });
        if (packages.isEmpty()) {
            throw new IOException("no org.knime classes in " + knimeApi);
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", KNIME_CORE + ";singleton:=true");
        main.putValue("Bundle-Version", KNIME_VERSION);
        main.putValue("Bundle-Name", "org.knime.core stand-in (knime-api subset; test only)");
        StringBuilder exports = new StringBuilder();
        for (String pkg : packages) {
            exports.append(exports.isEmpty() ? "" : ",").append(pkg).append(";version=\"").append(KNIME_VERSION).append('"');
        }
        main.putValue("Export-Package", exports.toString());
        // the subset's classes use Swing, XML and other JDK packages; a stand-in need not list them
        main.putValue("DynamicImport-Package", "*");
        Files.createDirectories(outDir);
        Path jar = outDir.resolve("org.knime.core-standin.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> entry : kept.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}
