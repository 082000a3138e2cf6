package org.segprune.osgi.it;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The scenario's results on disk (the reference run writes them, the Equinox run compares). */
final class ScenarioResults {

    /** Relative tolerance: both runs use the same natives, threads and seeds; only summation order may differ. */
    static final double RELATIVE = 1e-4;
    static final double ABSOLUTE = 1e-6;

    private ScenarioResults() {
    }

    static Path work() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("segprune.it.work", "target/osgi-it")));
    }

    static Path referenceFile() throws IOException {
        return work().resolve("reference.properties");
    }

    /** Comparable values only: numbers, flags, strings; not timings and not classes. */
    static boolean comparable(String key) {
        return !key.startsWith("time.") && !key.startsWith("class.");
    }

    static void write(Map<String, Object> results, Path file) throws IOException {
        Properties properties = new Properties();
        results.forEach((key, value) -> {
            if (comparable(key)) {
                properties.setProperty(key, String.valueOf(value));
            }
        });
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "SegPrune scenario outside OSGi (reference for EquinoxIT)");
        }
    }

    static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> result = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> result.put(key, properties.getProperty(key)));
        return result;
    }

    /** Differences between the reference and a run, as readable lines (empty when they match). */
    static List<String> differences(Map<String, String> reference, Map<String, Object> run) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> expected : reference.entrySet()) {
            String key = expected.getKey();
            Object actual = run.get(key);
            if (actual == null) {
                problems.add(key + ": missing in the OSGi run");
            } else if (actual instanceof Number number) {
                double a = number.doubleValue();
                double e = Double.parseDouble(expected.getValue());
                boolean same = Double.compare(a, e) == 0 || Math.abs(a - e) <= ABSOLUTE + RELATIVE * Math.abs(e);
                if (!same) {
                    problems.add(String.format("%s: outside OSGi %s, inside %s", key, expected.getValue(), actual));
                }
            } else if (!expected.getValue().equals(String.valueOf(actual))) {
                problems.add(key + ": outside OSGi '" + expected.getValue() + "', inside '" + actual + "'");
            }
        }
        for (String key : run.keySet()) {
            if (comparable(key) && !reference.containsKey(key)) {
                problems.add(key + ": only in the OSGi run");
            }
        }
        return problems;
    }
}
