package org.segprune.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.step.Step;
import org.segprune.util.SegPruneException;

/**
 * Settings given on the command line as {@code NODE.SETTING=VALUE}. NODE is a node id ("3"), a node
 * folder name ("Fine-Tuner (#3)") or a node name ("Fine-Tuner", case-insensitive: every node of that
 * name); SETTING is a key of the node's settings (as in settings.xml).
 */
public final class Overrides {

    /** One override as typed. */
    public record Override(String node, String key, String value) {
    }

    private final List<Override> overrides;

    private Overrides(List<Override> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    public static final Overrides NONE = new Overrides(List.of());

    public static Overrides parse(List<String> assignments) {
        List<Override> parsed = new ArrayList<>();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            int dot = equals < 0 ? -1 : assignment.lastIndexOf('.', equals);
            if (equals < 0 || dot <= 0 || dot == equals - 1) {
                throw new SegPruneException("--set '" + assignment + "' is not of the form NODE.SETTING=VALUE");
            }
            parsed.add(new Override(assignment.substring(0, dot).trim(), assignment.substring(dot + 1, equals).trim(),
                    assignment.substring(equals + 1)));
        }
        return new Overrides(parsed);
    }

    public List<Override> list() {
        return overrides;
    }

    /**
     * The settings of every node after the overrides, by node id. Each override must match at least one
     * node and name a setting that node has.
     */
    Map<Integer, Map<String, String>> apply(WorkflowDefinition workflow, Map<Integer, Step<?>> types) {
        Map<Integer, Map<String, String>> settings = new LinkedHashMap<>();
        for (WorkflowDefinition.NodeEntry node : workflow.nodes()) {
            settings.put(node.id(), new LinkedHashMap<>(node.settings()));
        }
        for (Override override : overrides) {
            List<WorkflowDefinition.NodeEntry> matches = workflow.nodes().stream().filter(n -> matches(n, override.node()))
                    .toList();
            if (matches.isEmpty()) {
                throw new SegPruneException("--set " + override.node() + "." + override.key() + ": the workflow has no node '"
                        + override.node() + "' (its nodes: " + String.join(", ",
                                workflow.nodes().stream().map(WorkflowDefinition.NodeEntry::label).toList()) + ")");
            }
            for (WorkflowDefinition.NodeEntry node : matches) {
                types.get(node.id()).schema().checkKnown(List.of(override.key()));
                settings.get(node.id()).put(override.key(), override.value());
            }
        }
        return settings;
    }

    private static boolean matches(WorkflowDefinition.NodeEntry node, String reference) {
        return reference.equals(Integer.toString(node.id())) || reference.equals(node.folder())
                || reference.equalsIgnoreCase(node.label())
                || reference.toLowerCase(Locale.ROOT).equals(node.name().toLowerCase(Locale.ROOT));
    }
}
