package org.segprune.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segprune.util.SegPruneException;

/** Options of one command: {@code --name value} pairs, {@code --flag}s and positional arguments. */
final class Args {

    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> used = new HashSet<>();

    Args(String command, List<String> raw, Set<String> knownFlags) {
        this.command = command;
        for (int i = 0; i < raw.size(); i++) {
            String token = raw.get(i);
            if (token.startsWith("--")) {
                String name = token.substring(2);
                if (knownFlags.contains(name)) {
                    flags.add(name);
                } else if (i + 1 < raw.size()) {
                    if (values.containsKey(name) && !name.equals("set")) {
                        throw new SegPruneException("option --" + name + " is given twice");
                    }
                    values.merge(name, raw.get(++i), (a, b) -> a + "\n" + b);
                } else {
                    throw new SegPruneException("option --" + name + " needs a value");
                }
            } else {
                positional.add(token);
            }
        }
    }

    String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        used.add(name);
        String value = values.get(name);
        if (value == null) {
            throw new SegPruneException("segprune " + command + " needs --" + name);
        }
        return value;
    }

    boolean has(String name) {
        used.add(name);
        return values.containsKey(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Path path(String name) {
        return Path.of(required(name));
    }

    Path path(String name, Path fallback) {
        String value = string(name, null);
        return value == null ? fallback : Path.of(value);
    }

    int integer(String name, int fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SegPruneException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    long longValue(String name, long fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new SegPruneException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    double number(String name, double fallback) {
        String value = string(name, null);
        return value == null ? fallback : parseNumber(name, value);
    }

    static double parseNumber(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new SegPruneException("--" + name + " must be a number, got '" + value + "'");
        }
    }

    List<String> positional() {
        return positional;
    }

    /** Rejects options the command did not read, so a typo is not silently ignored. */
    void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new SegPruneException("segprune " + command + " has no option --" + name);
            }
        }
    }
}
