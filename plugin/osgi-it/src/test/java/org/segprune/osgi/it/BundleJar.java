package org.segprune.osgi.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A bundle jar read without OSGi: its manifest headers (parsed into clauses) and the Java packages it
 * really contains, over its whole Bundle-ClassPath (nested jars included). Used to check that manifests
 * declare exactly what the bundles hold.
 */
final class BundleJar {

    /** One clause of a manifest header: the names and their attributes/directives ("resolution:" keeps the colon). */
    record Clause(List<String> names, Map<String, String> parameters) {
        String parameter(String key) {
            return parameters.get(key);
        }
    }

    final String entryName;
    final Manifest manifest;
    /** package name -> the class-path entries holding classes of it (".", "libs/x.jar") */
    final Map<String, Set<String>> packages = new TreeMap<>();
    /** class files in the jar root: binary class name -> bytes (for the class reference check) */
    final Map<String, byte[]> rootClasses = new LinkedHashMap<>();
    final Set<String> entries = new TreeSet<>();
    /** entries of the nested jars on the Bundle-ClassPath, as "libs/x.jar!/path" */
    final Set<String> nestedEntries = new TreeSet<>();

    private BundleJar(String entryName, Manifest manifest) {
        this.entryName = entryName;
        this.manifest = manifest;
    }

    static BundleJar read(String entryName, InputStream in) throws IOException {
        Map<String, byte[]> nested = new LinkedHashMap<>();
        BundleJar jar;
        try (JarInputStream jis = new JarInputStream(in, false)) {
            Manifest manifest = jis.getManifest();
            if (manifest == null) {
                throw new IOException(entryName + " has no META-INF/MANIFEST.MF as its first entries");
            }
            jar = new BundleJar(entryName, manifest);
            List<String> classPath = jar.classPath();
            for (ZipEntry entry; (entry = jis.getNextEntry()) != null;) {
                String name = entry.getName();
                jar.entries.add(name);
                if (name.endsWith(".class") && classPath.contains(".")) {
                    byte[] bytes = jis.readAllBytes();
                    String pkg = packageOf(name);
                    if (pkg != null) {
                        jar.packages.computeIfAbsent(pkg, k -> new TreeSet<>()).add(".");
                        if (!name.startsWith("META-INF/")) {
                            jar.rootClasses.put(name.substring(0, name.length() - 6).replace('/', '.'), bytes);
                        }
                    }
                } else if (classPath.contains(name)) {
                    nested.put(name, jis.readAllBytes());
                }
            }
        }
        for (Map.Entry<String, byte[]> entry : nested.entrySet()) {
            // through a temporary file: ZipFile reads the central directory instead of inflating ~400 MB of natives
            Path temporary = Files.createTempFile("segprune-it-nested", ".jar");
            try {
                Files.write(temporary, entry.getValue());
                try (ZipFile zip = new ZipFile(temporary.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                        ZipEntry inner = e.nextElement();
                        String pkg = inner.getName().endsWith(".class") ? packageOf(inner.getName()) : null;
                        if (pkg != null) {
                            jar.packages.computeIfAbsent(pkg, k -> new TreeSet<>()).add(entry.getKey());
                        }
                        jar.nestedEntries.add(entry.getKey() + "!/" + inner.getName());
                    }
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return jar;
    }

    /** The package of a class entry; multi-release copies count for their package, module-info for none. */
    static String packageOf(String classEntry) {
        String name = classEntry;
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            name = slash < 0 ? name : name.substring(slash + 1);
        } else if (name.startsWith("META-INF/")) {
            return null;
        }
        if (name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash).replace('/', '.');
    }

    String header(String name) {
        Attributes main = manifest.getMainAttributes();
        return main.getValue(name);
    }

    String symbolicName() {
        List<Clause> clauses = clauses("Bundle-SymbolicName");
        return clauses.isEmpty() ? null : clauses.get(0).names().get(0);
    }

    String version() {
        return header("Bundle-Version");
    }

    boolean isFragment() {
        return header("Fragment-Host") != null;
    }

    List<String> classPath() {
        List<String> result = new ArrayList<>();
        for (Clause clause : clauses("Bundle-ClassPath")) {
            result.addAll(clause.names());
        }
        if (result.isEmpty()) {
            result.add(".");
        }
        return result;
    }

    /** Package names of a header such as Export-Package / Import-Package. */
    Set<String> names(String header) {
        Set<String> result = new TreeSet<>();
        for (Clause clause : clauses(header)) {
            result.addAll(clause.names());
        }
        return result;
    }

    List<Clause> clauses(String header) {
        return parse(header(header));
    }

    static List<Clause> parse(String value) {
        List<Clause> result = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        for (String clause : split(value, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    names.add(p);
                } else {
                    String key = p.substring(0, eq).trim();
                    String v = p.substring(eq + 1).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    parameters.put(key, v);
                }
            }
            result.add(new Clause(names, parameters));
        }
        return result;
    }

    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    @Override
    public String toString() {
        return symbolicName() + " " + version() + " (" + entryName + ")";
    }
}
