import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build-time tool of the libs module (run by Ant as a single-file Java program, never part of the bundle).
 * Completes the hand-written manifest of bundle org.segprune.libs from the jars actually embedded:
 * Bundle-ClassPath lists every jar in libs/, Export-Package every package of those jars that an export rule
 * matches, so no DL4J package is ever forgotten and none is listed that the bundle does not hold. It reads
 * only the jars' central directories (bnd would parse all 25,000 classes and take 15-40 s).
 *
 * <p>Usage: {@code java BundleManifest.java TEMPLATE LIBS_DIR OUTPUT RULE...} where a RULE is
 * {@code package.prefix.=VERSION} (the prefix also matches the package without its trailing dot): a Maven version (converted to OSGi) or empty for the version the jar's own
 * manifest exports the package with. The first matching rule wins; unmatched packages stay private.
 */
public class BundleManifest {

    private static final Pattern EXPORT_CLAUSE = Pattern.compile("([\\w.$]+)[^,]*?;version=\"?([\\w.\\-]+)\"?");

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: BundleManifest TEMPLATE LIBS_DIR OUTPUT RULE...");
        }
        Path template = Path.of(args[0]);
        Path libs = Path.of(args[1]);
        Path output = Path.of(args[2]);
        Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            rules.put(args[i].substring(0, eq), osgiVersion(args[i].substring(eq + 1).trim()));
        }

        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(libs)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
        }
        if (jars.isEmpty()) {
            throw new IOException("no jars in " + libs);
        }
        Map<String, String> exports = new TreeMap<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Map<String, String> ownVersions = ownExportVersions(zip);
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                    String pkg = packageOf(e.nextElement().getName());
                    if (pkg == null) {
                        continue;
                    }
                    for (Map.Entry<String, String> rule : rules.entrySet()) {
                        String prefix = rule.getKey();
                        if (pkg.startsWith(prefix) || (prefix.endsWith(".") && pkg.equals(prefix.substring(0, prefix.length() - 1)))) {
                            String version = rule.getValue().isEmpty() ? ownVersions.get(pkg) : rule.getValue();
                            exports.merge(pkg, version == null ? "" : version, (a, b) -> a.isEmpty() ? b : a);
                            break;
                        }
                    }
                }
            }
        }

        Manifest manifest;
        try (InputStream in = Files.newInputStream(template)) {
            manifest = new Manifest(in);
        }
        Attributes main = manifest.getMainAttributes();
        StringBuilder classPath = new StringBuilder(".");
        jars.forEach(jar -> classPath.append(",libs/").append(jar.getFileName()));
        main.putValue("Bundle-ClassPath", classPath.toString());
        StringBuilder exported = new StringBuilder();
        exports.forEach((pkg, version) -> exported.append(exported.isEmpty() ? "" : ",").append(pkg)
                .append(version.isEmpty() ? "" : ";version=\"" + version + "\""));
        main.putValue("Export-Package", exported.toString());
        Files.createDirectories(output.getParent());
        try (OutputStream out = Files.newOutputStream(output)) {
            manifest.write(out);
        }
        System.out.printf("%s: Bundle-ClassPath with %d jars, Export-Package with %d packages%n", output, jars.size(),
                exports.size());
    }

    /** The package of a class entry; multi-release copies count for their package, module-info for none. */
    static String packageOf(String entry) {
        if (!entry.endsWith(".class") || entry.endsWith("module-info.class")) {
            return null;
        }
        String name = entry;
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            name = name.substring(slash + 1);
        } else if (name.startsWith("META-INF/")) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        return slash < 0 ? null : name.substring(0, slash).replace('/', '.');
    }

    /** 1.0.0-M2.1 -> 1.0.0.M2_1; 2.17.2 stays. */
    static String osgiVersion(String maven) {
        if (maven.isEmpty()) {
            return "";
        }
        Matcher m = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?[.-]?(.*)").matcher(maven);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a version: " + maven);
        }
        String qualifier = m.group(4).replaceAll("[^\\w-]", "_");
        return m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "." + (m.group(3) == null ? "0" : m.group(3))
                + (qualifier.isEmpty() ? "" : "." + qualifier);
    }

    private static Map<String, String> ownExportVersions(ZipFile zip) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        ZipEntry entry = zip.getEntry("META-INF/MANIFEST.MF");
        if (entry == null) {
            return versions;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            String exports = new Manifest(in).getMainAttributes().getValue("Export-Package");
            if (exports != null) {
                Matcher m = EXPORT_CLAUSE.matcher(exports.replaceAll("uses:=\"[^\"]*\"", ""));
                while (m.find()) {
                    versions.put(m.group(1), m.group(2));
                }
            }
        }
        return versions;
    }
}
