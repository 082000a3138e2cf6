package org.segprune.osgi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.segprune.loss.BceDiceLoss;

/**
 * The bundles of the update-site zip really run in OSGi. Reads the zip a KNIME user installs, checks its
 * p2 metadata and the bundle manifests, starts Equinox with exactly those bundles plus a stand-in
 * org.knime.core (from knime-api), slf4j and the test probe, resolves and starts everything, and runs the
 * probe's scenario through the bundle class loaders only: the numbers must match the run outside OSGi
 * ({@link OutsideOsgiReferenceIT}). DL4J, ND4J, the engine and the natives are not on this JVM's class path.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EquinoxIT {

    static final String FEATURE = "org.segprune.feature";
    static final String CATEGORY = "org.segprune.category";
    /** "SegPrune GPU support" (built with -Dsegprune.gpu): its feature and the CUDA fragments of the libs bundle */
    static final String GPU_FEATURE = "org.segprune.gpu.feature";
    static final String CUDA = "org.segprune.libs.cuda";
    static final String ENGINE = "org.segprune.engine";
    static final String LIBS = "org.segprune.libs";
    static final String KNIME = "org.segprune.knime";
    static final String PROBE = "org.segprune.osgi.probe";
    /** packages of DL4J's libraries that the libs bundle must export (derived, never listed by hand) */
    static final List<String> LIBS_API_PREFIXES = List.of("org.deeplearning4j.", "org.nd4j.", "com.fasterxml.jackson.", "io.jhdf");

    static UpdateSite site;
    static Framework framework;
    static final Map<String, Bundle> installed = new LinkedHashMap<>();
    static final List<Bundle> foreignFragments = new ArrayList<>();
    static String frameworkFailure;

    @BeforeAll
    static void readUpdateSite() throws Exception {
        long start = System.nanoTime();
        site = new UpdateSite(Path.of(property("segprune.it.updateSiteZip")));
        log("read %s (%d MB, %d bundles) in %.1f s", site.file.getFileName(), Files.size(site.file) >> 20,
                site.bundles.size(), seconds(start));
        for (UpdateSite.Unit unit : site.units) {
            log("content.xml unit: %s %s%s", unit.id(), unit.version(), unit.filter() == null ? "" : " filter " + unit.filter());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    @Order(1)
    void updateSiteListsTheFeatureBundlesFragmentsAndCategory() throws Exception {
        UpdateSite.Unit group = site.unit(FEATURE + ".feature.group").orElseThrow(() -> new AssertionError("no feature group"));
        assertTrue(group.isGroup());
        assertTrue(site.unit(FEATURE + ".feature.jar").isPresent(), "no feature jar unit");

        UpdateSite.Unit category = site.unit(CATEGORY).orElseThrow(() -> new AssertionError("no category unit " + CATEGORY
                + " (units: " + site.units.stream().map(UpdateSite.Unit::id).toList() + ")"));
        assertTrue(category.isCategory());
        assertTrue(category.required().stream().anyMatch(r -> r.name().equals(group.id())), "category does not hold the feature");
        assertTrue(site.units.stream().noneMatch(u -> u.id().contains("category.xml")), "a unit id still holds a file path");

        // every non-optional requirement of the feature is in the repository, in the pinned version
        for (UpdateSite.Required required : group.required()) {
            if (required.optional() || !required.namespace().equals("org.eclipse.equinox.p2.iu")) {
                continue;
            }
            UpdateSite.Unit unit = site.unit(required.name())
                    .orElseThrow(() -> new AssertionError("the feature needs " + required.name() + ", the site lacks it"));
            assertTrue(new VersionRange(required.range()).includes(Version.parseVersion(unit.version())),
                    required.name() + " " + unit.version() + " outside the feature's range " + required.range());
        }
        Set<String> featureMembers = group.required().stream().map(UpdateSite.Required::name).collect(Collectors.toSet());
        Set<String> gpuFeatureMembers = gpuFeatureMembers(group, category);
        for (String bundle : List.of(ENGINE, LIBS, KNIME)) {
            assertTrue(site.unit(bundle).isPresent(), "bundle " + bundle + " missing from content.xml");
            assertTrue(featureMembers.contains(bundle), "the feature does not list " + bundle);
        }

        // every jar in plugins/ is a bundle unit of the feature with its artifact; native fragments carry their filter
        List<String> fragments = new ArrayList<>();
        for (BundleJar bundle : site.bundles.values()) {
            String id = bundle.symbolicName();
            UpdateSite.Unit unit = site.unit(id).orElseThrow(() -> new AssertionError(id + " has no unit"));
            assertEquals(bundle.version(), unit.version(), id);
            if (isCuda(id)) {
                assertTrue(gpuFeatureMembers.contains(id), "the GPU feature does not list " + id);
                assertFalse(featureMembers.contains(id), "the SegPrune feature must not install " + id + " (GPU support is optional)");
            } else {
                assertTrue(featureMembers.contains(id), "the feature does not list " + id);
            }
            assertTrue(site.artifacts.stream().anyMatch(a -> a.classifier().equals("osgi.bundle") && a.id().equals(id)
                    && a.version().equals(bundle.version())), id + " has no artifact in artifacts.xml");
            if (bundle.isFragment()) {
                fragments.add(id);
                assertNotNull(unit.filter(), id + " unit has no platform filter");
            }
        }
        assertTrue(fragments.contains(LIBS + ".linux.x86_64"), "no linux x86_64 native fragment: " + fragments);
        assertTrue(site.artifacts.stream().anyMatch(a -> a.classifier().equals("org.eclipse.update.feature")
                && a.id().equals(FEATURE)), "no feature artifact");

        // KNIME's own bundle and the test-only bundles are never shipped
        for (UpdateSite.Unit unit : site.units) {
            assertFalse(unit.id().startsWith("org.knime.") || unit.id().contains("knime-api") || unit.id().equals(PROBE)
                    || unit.id().startsWith("slf4j"), "site ships " + unit.id());
        }
        // the KNIME requirement: org.knime.core 5.5 and later 5.x
        List<UpdateSite.Required> knimeCore = site.units.stream().flatMap(u -> u.required().stream())
                .filter(r -> r.namespace().equals("osgi.bundle") && r.name().equals("org.knime.core")).toList();
        assertFalse(knimeCore.isEmpty(), "no unit requires org.knime.core");
        for (UpdateSite.Required r : knimeCore) {
            VersionRange range = new VersionRange(r.range());
            for (String ok : List.of("5.5.0", "5.5.3.v202507", "5.9.0", "5.12.0")) {
                assertTrue(range.includes(Version.parseVersion(ok)), "org.knime.core " + ok + " outside " + r.range());
            }
            for (String no : List.of("5.4.2", "6.0.0")) {
                assertFalse(range.includes(Version.parseVersion(no)), "org.knime.core " + no + " inside " + r.range());
            }
        }

        // licences and the install notes travel with the archive and with the bundles holding third-party code
        List<String> entries = site.entryNames();
        for (String entry : List.of("licenses/LICENSE-Apache-2.0.txt", "licenses/NOTICE.txt", "README.md", "content.xml",
                "artifacts.xml")) {
            assertTrue(entries.contains(entry), "archive lacks " + entry);
        }
        for (BundleJar bundle : site.bundles.values()) {
            if (bundle.symbolicName().startsWith(LIBS)) {
                assertTrue(bundle.entries.contains("licenses/NOTICE.txt") && bundle.entries.contains("about.html")
                        && bundle.entries.contains("licenses/LICENSE-Apache-2.0.txt"), bundle + " lacks its notices");
            }
        }
        log("feature %s lists %s", group.version(), featureMembers);
    }

    static boolean isCuda(String symbolicName) {
        return symbolicName.startsWith(CUDA + ".");
    }

    /**
     * The members of the optional GPU feature, checked: present exactly when the site holds CUDA fragments, in the
     * SegPrune category, requiring the SegPrune feature of its own version and listing every CUDA fragment. Empty when
     * the site was built without -Dsegprune.gpu.
     */
    static Set<String> gpuFeatureMembers(UpdateSite.Unit group, UpdateSite.Unit category) {
        Set<String> cuda = site.bundles.values().stream().map(BundleJar::symbolicName).filter(EquinoxIT::isCuda)
                .collect(Collectors.toSet());
        Optional<UpdateSite.Unit> gpu = site.unit(GPU_FEATURE + ".feature.group");
        assertEquals(!cuda.isEmpty(), gpu.isPresent(), "CUDA fragments " + cuda + " and the GPU feature come together");
        if (gpu.isEmpty()) {
            return Set.of();
        }
        assertTrue(category.required().stream().anyMatch(r -> r.name().equals(gpu.get().id())), "category does not hold the GPU feature");
        UpdateSite.Required main = gpu.get().required().stream().filter(r -> r.name().equals(group.id())).findFirst()
                .orElseThrow(() -> new AssertionError("the GPU feature does not require " + group.id()));
        assertTrue(new VersionRange(main.range()).includes(Version.parseVersion(group.version())), main.range());
        Set<String> members = gpu.get().required().stream().map(UpdateSite.Required::name).collect(Collectors.toSet());
        assertTrue(members.containsAll(cuda), "GPU feature " + members + " lacks some of " + cuda);
        log("GPU feature %s lists %s", gpu.get().version(), members);
        return members;
    }

    @Test
    @Order(2)
    void manifestsDeclareExactlyThePackagesTheBundlesHold() {
        Set<String> jdk = jdkPackages();
        Map<String, String> exporter = new TreeMap<>();
        Map<String, String> holder = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (BundleJar bundle : site.bundles.values()) {
            String id = bundle.symbolicName();
            // a fragment shares its host's class loader: its packages count for the host
            String space = bundle.isFragment() ? bundle.clauses("Fragment-Host").get(0).names().get(0) : id;
            for (String pkg : bundle.packages.keySet()) {
                String other = holder.putIfAbsent(pkg, space);
                if (other != null && !other.equals(space)) {
                    problems.add("split package " + pkg + ": in " + other + " and " + space);
                }
            }
            for (String pkg : bundle.names("Export-Package")) {
                if (!bundle.packages.containsKey(pkg)) {
                    problems.add(id + " exports " + pkg + " but holds no class of it");
                }
                String other = exporter.putIfAbsent(pkg, id);
                if (other != null && !other.equals(id)) {
                    problems.add(pkg + " exported by " + other + " and " + id);
                }
            }
        }

        BundleJar engine = site.bundle(ENGINE).orElseThrow();
        assertTrue(engine.names("Require-Capability").contains("org.segprune.natives"),
                "the engine must require the natives of the running platform");
        assertEquals(engine.packages.keySet(), engine.names("Export-Package"), "the engine must export every package it holds");
        BundleJar libs = site.bundle(LIBS).orElseThrow();
        for (BundleJar.Clause imported : engine.clauses("Import-Package")) {
            for (String pkg : imported.names()) {
                if (engine.packages.containsKey(pkg)) {
                    problems.add("engine imports its own package " + pkg + " (substitutable export)");
                } else if (libs.names("Export-Package").contains(pkg)) {
                    String range = imported.parameter("version");
                    String version = libs.clauses("Export-Package").stream().filter(c -> c.names().contains(pkg))
                            .map(c -> c.parameter("version")).findFirst().orElse("0.0.0");
                    if (range == null || !new VersionRange(range).includes(Version.parseVersion(version))) {
                        problems.add("engine imports " + pkg + " " + range + ", libs exports " + version);
                    }
                } else if (!jdk.contains(pkg)) {
                    problems.add("engine imports " + pkg + ": neither libs nor the JDK export it");
                }
            }
        }

        // libs: exports derived from the jars (every DL4J/ND4J/Jackson package), imports exactly sun.misc and slf4j
        for (String pkg : libs.packages.keySet()) {
            if (LIBS_API_PREFIXES.stream().anyMatch(pkg::startsWith) && !libs.names("Export-Package").contains(pkg)) {
                problems.add("libs holds " + pkg + " but does not export it");
            }
        }
        assertEquals(Set.of("org.osgi.framework", "sun.misc", "org.slf4j"), libs.names("Import-Package"));
        assertTrue(libs.clauses("Import-Package").stream().filter(c -> !c.names().contains("org.osgi.framework"))
                .allMatch(c -> "optional".equals(c.parameter("resolution:"))), "libs' sun.misc and slf4j imports must be optional");
        assertEquals("lazy", libs.header("Bundle-ActivationPolicy"));
        assertEquals("org.segprune.libs.internal.LibsActivator", libs.header("Bundle-Activator"));
        assertEquals("*", libs.header("DynamicImport-Package"), "libs needs DynamicImport-Package: * (DL4J loads engine classes by name)");
        assertTrue(libs.nestedEntries.stream().anyMatch(e -> e.matches("libs/onednn-shim[^/]*\\.jar!/org/nd4j/nativeblas/Nd4jCpu\\.class")),
                "the onednn shim is not inside the libs bundle");
        // KNIME brings its own logging: no slf4j binding inside (the API is only a fallback behind the optional import)
        assertTrue(libs.classPath().stream().noneMatch(e -> e.matches("libs/(slf4j-(simple|nop|jdk14|log4j12|reload4j)|logback-classic)-.*")),
                "libs embeds an slf4j binding: " + libs.classPath());

        for (BundleJar bundle : site.bundles.values()) {
            if (bundle.isFragment()) {
                assertEquals(LIBS, bundle.clauses("Fragment-Host").get(0).names().get(0), bundle.toString());
                String filter = bundle.header("Eclipse-PlatformFilter");
                assertNotNull(filter, bundle + " has no Eclipse-PlatformFilter");
                boolean cuda = isCuda(bundle.symbolicName());
                String[] parts = bundle.symbolicName().substring((cuda ? CUDA : LIBS).length() + 1).split("\\.", 2);
                assertTrue(filter.contains("(osgi.os=" + parts[0] + ")") && filter.contains("(osgi.arch=" + parts[1] + ")"),
                        bundle + ": filter " + filter);
                if (cuda) {
                    // ND4J's CUDA backend: classes, found by ND4J through its service file in the host's class loader
                    assertTrue(bundle.packages.containsKey("org.nd4j.linalg.jcublas") && bundle.packages.containsKey("org.bytedeco.cuda.global"),
                            bundle + " lacks the CUDA backend: " + bundle.packages.keySet());
                    assertFalse(bundle.names("Provide-Capability").contains("org.segprune.natives"), bundle + " is not the platform's natives");
                } else {
                    assertTrue(bundle.packages.isEmpty(), bundle + " holds classes " + bundle.packages.keySet());
                    assertTrue(bundle.names("Provide-Capability").contains("org.segprune.natives"), bundle + " provides no natives capability");
                }
                assertTrue(bundle.names("Export-Package").isEmpty() && bundle.names("Import-Package").isEmpty(), bundle.toString());
            }
        }

        // the KNIME extension bundle: singleton, org.knime.core 5.5+, lazy activation, plugin.xml
        BundleJar knime = site.bundle(KNIME).orElseThrow(() -> new AssertionError("no " + KNIME + " bundle in the site"));
        assertEquals("true", knime.clauses("Bundle-SymbolicName").get(0).parameter("singleton:"), "node bundle not a singleton");
        assertEquals("lazy", knime.header("Bundle-ActivationPolicy"));
        assertTrue(knime.entries.contains("plugin.xml"), "node bundle lacks plugin.xml");
        BundleJar.Clause core = knime.clauses("Require-Bundle").stream().filter(c -> c.names().contains("org.knime.core"))
                .findFirst().orElseThrow(() -> new AssertionError("node bundle does not require org.knime.core"));
        VersionRange coreRange = new VersionRange(core.parameter("bundle-version"));
        assertTrue(coreRange.includes(Version.parseVersion("5.5.0")) && !coreRange.includes(Version.parseVersion("6.0.0"))
                && !coreRange.includes(Version.parseVersion("5.4.0")), "org.knime.core range " + coreRange);

        for (BundleJar bundle : site.bundles.values()) {
            log("%s: exports %d packages, imports %s%s", bundle.symbolicName(), bundle.names("Export-Package").size(),
                    bundle.names("Import-Package").size() > 12 ? bundle.names("Import-Package").size() + " packages"
                            : bundle.names("Import-Package"),
                    bundle.header("Require-Bundle") == null ? "" : ", requires " + bundle.names("Require-Bundle"));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @Order(3)
    void everyBundleResolvesAndStarts() throws Exception {
        startFramework();
        for (Bundle bundle : installed.values()) {
            boolean fragment = (bundle.adapt(org.osgi.framework.wiring.BundleRevision.class).getTypes()
                    & org.osgi.framework.wiring.BundleRevision.TYPE_FRAGMENT) != 0;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            assertEquals(expected, bundle.getState(), bundle.getSymbolicName() + " state");
        }
        for (Bundle foreign : foreignFragments) {
            assertEquals(Bundle.INSTALLED, foreign.getState(), foreign.getSymbolicName() + " must not resolve on this platform");
        }
        Bundle libs = installed.get(LIBS);
        List<String> hosted = libs.adapt(BundleWiring.class).getProvidedWires(HostNamespace.HOST_NAMESPACE).stream()
                .map(w -> w.getRequirer().getSymbolicName()).toList();
        String os = framework.getBundleContext().getProperty("osgi.os");
        String arch = framework.getBundleContext().getProperty("osgi.arch");
        List<String> expectedFragments = new ArrayList<>(List.of(LIBS + "." + os + "." + arch));
        if (site.bundle(CUDA + "." + os + "." + arch).isPresent()) {
            expectedFragments.add(CUDA + "." + os + "." + arch); // -Dsegprune.gpu: attached, ND4J still computes on the CPU here
        }
        assertEquals(Set.copyOf(expectedFragments), Set.copyOf(hosted), "fragments attached to libs");

        // the engine's natives requirement is met by the platform's fragment, through its host
        List<String> natives = installed.get(ENGINE).adapt(BundleWiring.class).getRequiredWires("org.segprune.natives").stream()
                .map(w -> w.getProvider().getSymbolicName() + " " + w.getCapability().getAttributes().get("platform")).toList();
        assertEquals(1, natives.size(), "natives wiring " + natives);
        log("engine natives capability from %s", natives);

        // the engine reaches DL4J/ND4J/Jackson through the libs bundle only
        for (BundleWire wire : installed.get(ENGINE).adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            String pkg = (String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            if (LIBS_API_PREFIXES.stream().anyMatch(pkg::startsWith)) {
                assertEquals(LIBS, wire.getProvider().getSymbolicName(), pkg);
            }
        }
        // DL4J logs through the platform's slf4j (KNIME's), not through the fallback copy inside libs
        List<String> slf4j = libs.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .filter(w -> "org.slf4j".equals(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                .map(w -> w.getProvider().getSymbolicName()).toList();
        assertEquals(List.of("slf4j.api"), slf4j, "org.slf4j wiring of libs");
        log("framework %s %s on %s/%s; bundles: %s", framework.getSymbolicName(), framework.getVersion(), os, arch,
                installed.values().stream().map(b -> b.getSymbolicName() + "=" + state(b)).toList());
    }

    @Test
    @Order(4)
    void scenarioInsideOsgiMatchesTheRunOutside() throws Exception {
        startFramework();
        Path referenceFile = ScenarioResults.referenceFile();
        assertTrue(Files.isRegularFile(referenceFile), "no reference results " + referenceFile
                + ": OutsideOsgiReferenceIT (failsafe execution outside-osgi) must run first");
        Map<String, String> reference = ScenarioResults.read(referenceFile);

        // nothing of the engine, DL4J or the KNIME API is visible to the test's own class loader
        for (String name : List.of("org.segprune.model.UNetBuilder", "org.deeplearning4j.nn.graph.ComputationGraph",
                "org.nd4j.linalg.factory.Nd4j", "org.knime.core.node.NodeModel")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, EquinoxIT.class.getClassLoader()), name);
        }

        Bundle probe = installed.get(PROBE);
        Class<?> scenarioClass = probe.loadClass("org.segprune.osgi.probe.Scenario");
        assertEquals(probe, FrameworkUtil.getBundle(scenarioClass));
        @SuppressWarnings("unchecked")
        Function<Path, Map<String, Object>> scenario = (Function<Path, Map<String, Object>>) scenarioClass.getConstructor().newInstance();
        Path work = Files.createDirectories(ScenarioResults.work().resolve("inside-osgi"));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // an empty context class loader: everything must come through the bundles' own loaders
        thread.setContextClassLoader(new ClassLoader(null) {
        });
        // with GPU support attached (-Dsegprune.gpu) the scenario asks for the GPU, which this machine lacks: ND4J must
        // compute on the CPU (same numbers) after one warning and no stack trace
        String os = framework.getBundleContext().getProperty("osgi.os");
        String arch = framework.getBundleContext().getProperty("osgi.arch");
        boolean gpuSupport = site.bundle(CUDA + "." + os + "." + arch).isPresent();
        if (gpuSupport) {
            System.setProperty("segprune.backend", "gpu");
        }
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeOutputStream(stderr, captured), true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        Map<String, Object> results;
        try {
            results = scenario.apply(work);
        } finally {
            thread.setContextClassLoader(previous);
            System.setErr(stderr);
            System.clearProperty("segprune.backend");
        }
        log("scenario inside OSGi: %.1f s", seconds(start));
        if (gpuSupport) {
            List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
            List<String> warnings = lines.stream().filter(line -> line.contains("backend gpu requested")).toList();
            assertEquals(List.of("Warning: backend gpu requested, but the NVIDIA driver (libcuda.so.1) was not found: computing on the CPU"),
                    warnings, "one warning inside OSGi with the CUDA fragment attached");
            // (DL4J's own oneDNN fallback for dilated convolutions prints an unrelated stack trace in every run)
            List<String> cudaTrace = lines.stream().filter(line -> line.contains("JCublas") || line.contains("jcublas")
                    || line.contains("org.bytedeco.cuda") || line.contains("UnsatisfiedLinkError")).toList();
            assertEquals(List.of(), cudaTrace, "ND4J tried CUDA inside OSGi");
            log("GPU support attached, backend gpu: %s", warnings.get(0));
        }
        results.forEach((key, value) -> log("[inside OSGi] %s = %s", key, value));

        assertEquals("false", results.get("flag.helpersDisable"));
        assertEquals(true, results.get("flag.oneDnnConvolution"), "oneDNN helpers are not active inside OSGi");
        assertEquals(true, results.get("flag.reloadedIdentical"));
        assertEquals(true, results.get("flag.deeplabReloadedIdentical"));
        assertEquals("onnxruntime", results.get("unet.pruned.onnxruntime.runtime"), "ONNX Runtime did not run inside OSGi");
        assertEquals(true, results.get("flag.runtimesAgree"), "DL4J and ONNX Runtime disagree inside OSGi");
        Set<String> byName = new TreeSet<>();
        for (Map.Entry<String, Object> entry : results.entrySet()) {
            if (entry.getKey().startsWith("class.")) {
                Class<?> type = (Class<?>) entry.getValue();
                byName.add(type.getName());
                Bundle definer = FrameworkUtil.getBundle(type);
                assertEquals(ENGINE, definer == null ? null : definer.getSymbolicName(), type + " (restored by DL4J by class name)");
            }
        }
        assertTrue(byName.contains("org.segprune.loss.BceDiceLoss"), "BceDiceLoss not restored: " + byName);
        assertTrue(byName.contains("org.segprune.model.BilinearResize"), "BilinearResize not restored: " + byName);
        assertTrue(byName.contains("org.segprune.model.BilinearResizeLayer"), "BilinearResizeLayer not created: " + byName);
        // ... through the libs bundle's dynamic imports, wired to the engine
        Set<String> dynamic = installed.get(LIBS).adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)
                .stream().filter(w -> w.getProvider().getSymbolicName().equals(ENGINE))
                .map(w -> (String) w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))
                .collect(Collectors.toCollection(TreeSet::new));
        log("libs -> engine dynamic wires: %s", dynamic);
        assertTrue(dynamic.contains("org.segprune.loss") && dynamic.contains("org.segprune.model"), dynamic.toString());

        // native libraries went to the cache folder the user chose (org.bytedeco.javacpp.cachedir)
        String cacheDir = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cacheDir != null) {
            assertTrue(String.valueOf(results.get("time.javacppCache")).startsWith(Path.of(cacheDir).toAbsolutePath().toString())
                    || String.valueOf(results.get("time.javacppCache")).startsWith(cacheDir), "javacpp cache " + results.get("time.javacppCache"));
            try (var files = Files.walk(Path.of(cacheDir))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("libnd4jcpu")), "libnd4j not extracted to " + cacheDir);
            }
        }

        List<String> differences = ScenarioResults.differences(reference, results);
        assertTrue(differences.isEmpty(), "inside and outside OSGi differ:\n" + String.join("\n", differences));
        log("all %d compared values match the run outside OSGi", reference.size());
    }

    @Test
    @Order(5)
    void everyClassTheEngineNodeAndProbeBundlesReferenceLoadsThroughTheirBundle() throws Exception {
        startFramework();
        Set<String> jdk = jdkPackages();
        List<String> problems = new ArrayList<>();
        for (String id : List.of(ENGINE, KNIME, PROBE)) {
            Bundle bundle = installed.get(id);
            BundleJar jar;
            if (id.equals(PROBE)) {
                try (InputStream in = Files.newInputStream(Path.of(property("segprune.it.probeJar")))) {
                    jar = BundleJar.read("probe", in);
                }
            } else {
                jar = site.bundle(id).orElseThrow();
            }
            Map<String, Set<String>> missing = new TreeMap<>();
            int checked = 0;
            for (Map.Entry<String, byte[]> type : jar.rootClasses.entrySet()) {
                for (String reference : ClassReferences.of(type.getValue())) {
                    String pkg = reference.lastIndexOf('.') < 0 ? "" : reference.substring(0, reference.lastIndexOf('.'));
                    if (pkg.startsWith("java.") || jar.packages.containsKey(pkg)) {
                        continue;
                    }
                    checked++;
                    try {
                        bundle.loadClass(reference);
                    } catch (ClassNotFoundException | NoClassDefFoundError e) {
                        missing.computeIfAbsent(pkg, k -> new TreeSet<>()).add(reference + " (from " + type.getKey() + ")");
                    }
                }
            }
            List<String> bootDelegated = new ArrayList<>();
            for (Map.Entry<String, Set<String>> gap : missing.entrySet()) {
                if (jdk.contains(gap.getKey()) && id.equals(KNIME)) {
                    // KNIME starts Equinox with osgi.compatibility.bootdelegation=true (EclipseStarter's default),
                    // so JDK packages need no import there; this test runs stricter and only reports them
                    bootDelegated.add(gap.getKey());
                } else {
                    problems.add(id + " cannot load " + gap.getValue());
                }
            }
            log("%s: %d references to classes outside its own packages, %d not loadable%s", id, checked,
                    missing.values().stream().mapToInt(Set::size).sum(), bootDelegated.isEmpty() ? ""
                            : " (JDK packages " + bootDelegated + " without Import-Package: KNIME boot-delegates them)");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @Order(6)
    void withoutTheNativeFragmentOfThePlatformTheEngineDoesNotResolve() throws Exception {
        startFramework();
        // a second, throw-away framework with the same bundles except every native fragment (an unsupported platform)
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, ScenarioResults.work().resolve("equinox-no-natives").toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework bare = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        bare.init();
        try {
            Map<String, Bundle> bundles = new LinkedHashMap<>();
            for (Bundle original : installed.values()) {
                if (original.getHeaders().get("Eclipse-PlatformFilter") == null) {
                    String location = original.getLocation();
                    Bundle copy;
                    if (location.startsWith("update-site:")) {
                        try (InputStream in = site.open(location.substring("update-site:".length()))) {
                            copy = bare.getBundleContext().installBundle(location, in);
                        }
                    } else {
                        copy = bare.getBundleContext().installBundle(location);
                    }
                    bundles.put(copy.getSymbolicName(), copy);
                }
            }
            bare.start();
            bare.adapt(FrameworkWiring.class).resolveBundles(bundles.values());
            // RESOLVED, or STARTING: Equinox (like KNIME) lazily starts resolved bundles with Bundle-ActivationPolicy: lazy
            assertTrue((bundles.get(LIBS).getState() & (Bundle.RESOLVED | Bundle.STARTING)) != 0, "libs resolves on its own");
            assertEquals(Bundle.INSTALLED, bundles.get(ENGINE).getState(), "engine must not resolve without natives");
            BundleException error = assertThrows(BundleException.class, () -> bundles.get(ENGINE).start());
            assertTrue(error.getMessage().contains("org.segprune.natives"), error.getMessage());
            log("without a native fragment: %s", error.getMessage().replace('\n', ' '));
        } finally {
            bare.stop();
            bare.waitForStop(30_000);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Starts Equinox once with the site's bundles, the stand-ins and the probe; later calls reuse it. */
    static synchronized void startFramework() throws Exception {
        if (frameworkFailure != null) {
            fail("the framework did not come up: " + frameworkFailure);
        }
        if (framework != null) {
            return;
        }
        try {
            doStartFramework();
        } catch (Throwable e) {
            frameworkFailure = String.valueOf(e.getMessage());
            throw e;
        }
    }

    private static void doStartFramework() throws Exception {
        long start = System.nanoTime();
        Path work = ScenarioResults.work();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("equinox").toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // stricter than KNIME (which boot-delegates like EclipseStarter): bundles see only what they import
        config.put("osgi.compatibility.bootdelegation", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(config);
        framework.init();
        BundleContext context = framework.getBundleContext();

        deleteRecursively(work.resolve("plugins")); // unpacked bundles of earlier builds
        Path knimeCore = StandIns.knimeCore(Path.of(property("segprune.it.knimeApi")), work.resolve("stand-ins"));
        for (Path jar : List.of(Path.of(property("segprune.it.slf4jApi")), Path.of(property("segprune.it.slf4jSimple")), knimeCore,
                Path.of(property("segprune.it.probeJar")))) {
            Bundle bundle = context.installBundle(jar.toUri().toString());
            installed.put(bundle.getSymbolicName(), bundle);
        }
        for (Map.Entry<String, BundleJar> entry : site.bundles.entrySet()) {
            Bundle bundle;
            if ("dir".equals(entry.getValue().header("Eclipse-BundleShape"))) {
                // as p2 installs it into KNIME: unpacked into plugins/<id>_<version>/, nested jars used in place
                Path dir = unpack(entry.getKey(), work.resolve("plugins"));
                bundle = context.installBundle("reference:" + dir.toUri());
            } else {
                try (InputStream in = site.open(entry.getKey())) {
                    bundle = context.installBundle("update-site:" + entry.getKey(), in);
                }
            }
            installed.put(bundle.getSymbolicName(), bundle);
        }
        log("installed %d bundles in %.1f s", installed.size(), seconds(start));

        // fragments for other platforms must stay unresolved; everything else must resolve
        Map<String, Object> platform = Map.of("osgi.os", context.getProperty("osgi.os"), "osgi.arch",
                context.getProperty("osgi.arch"), "osgi.ws", String.valueOf(context.getProperty("osgi.ws")));
        for (BundleJar jar : site.bundles.values()) {
            String filter = jar.header("Eclipse-PlatformFilter");
            if (filter != null && !FrameworkUtil.createFilter(filter).matches(platform)) {
                foreignFragments.add(installed.remove(jar.symbolicName()));
            }
        }
        framework.start();
        long resolveStart = System.nanoTime();
        boolean resolved = framework.adapt(FrameworkWiring.class).resolveBundles(installed.values());
        log("resolved in %.2f s: %s", seconds(resolveStart), resolved);
        if (!resolved) {
            List<String> reasons = new ArrayList<>();
            for (Bundle bundle : installed.values()) {
                if (bundle.getState() == Bundle.INSTALLED) {
                    try {
                        bundle.start();
                        reasons.add(bundle.getSymbolicName() + ": unresolved");
                    } catch (BundleException e) {
                        reasons.add(bundle.getSymbolicName() + ": " + e.getMessage());
                    }
                }
            }
            fail("bundles do not resolve:\n" + String.join("\n", reasons));
        }
        for (Bundle bundle : installed.values()) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        log("Equinox up with %d bundles in %.1f s", installed.size(), seconds(start));
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Unzips a bundle of the site into {@code parent/<file name without .jar>/}. */
    static Path unpack(String entry, Path parent) throws java.io.IOException {
        String name = entry.substring(entry.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
        Path dir = parent.resolve(name).toAbsolutePath().normalize();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(site.open(entry))) {
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null;) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new java.io.IOException("entry outside the bundle folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    static Set<String> jdkPackages() {
        Set<String> packages = new TreeSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            for (ModuleDescriptor.Exports exports : module.getDescriptor().exports()) {
                if (!exports.isQualified()) {
                    packages.add(exports.source());
                }
            }
        }
        return packages;
    }

    static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            default -> String.valueOf(bundle.getState());
        };
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + name + " is not set (run through Maven: ./mvnw verify)");
        }
        return value;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.println("[EquinoxIT] " + String.format(format, args));
    }

    /** Writes to the original stream and to a copy, so that the test sees what the user would. */
    static final class TeeOutputStream extends OutputStream {

        private final OutputStream original;
        private final OutputStream copy;

        TeeOutputStream(OutputStream original, OutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            original.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            original.write(bytes, offset, length);
            copy.write(bytes, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            original.flush();
        }
    }
}
