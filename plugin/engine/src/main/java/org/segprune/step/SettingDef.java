package org.segprune.step;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.runtime.InferenceRuntime;
import org.segprune.model.MaskValues;
import org.segprune.util.SegPruneException;

/**
 * One setting of a node: its key (the same in KNIME's settings.xml, in the command line's
 * {@code --set node.key=value} and in the dialog), kind, label, default, bounds or choices, the
 * documentation users read in the node description, the dialog group it belongs to, and when it
 * applies. Values travel as strings; {@link #parse} turns one into its typed value and rejects it
 * with a message naming the setting.
 *
 * @param min          lower bound (inclusive) of a number, NaN if none
 * @param max          upper bound (inclusive) of a number, NaN if none
 * @param choiceDocs   one sentence per choice, same order as {@code choices}
 * @param columnPort   for a column setting: the 0-based input port of the table it names
 * @param enabledKey   the setting this one depends on, or null if it always applies
 * @param enabledValues the values of {@code enabledKey} for which this setting applies
 * @param flag         the command line's option, {@code --flag} (the key with dashes unless an older name is kept;
 *                     a true/false setting that defaults to true is switched off with {@code --no-flag})
 */
public record SettingDef(String key, SettingKind kind, String label, String doc, String defaultValue, double min,
        double max, List<String> choices, List<String> choiceDocs, String group, int columnPort, String enabledKey,
        List<String> enabledValues, String flag) {

    public SettingDef {
        if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("setting keys are lower-case identifiers, got '" + key + "'");
        }
        choices = List.copyOf(choices);
        choiceDocs = List.copyOf(choiceDocs);
        enabledValues = List.copyOf(enabledValues);
        if (kind == SettingKind.CHOICE && (choices.isEmpty() || choices.size() != choiceDocs.size())) {
            throw new IllegalArgumentException("choice setting '" + key + "' needs one document per choice");
        }
    }

    private static SettingDef of(String key, SettingKind kind, String label, String defaultValue, double min, double max,
            List<String> choices, List<String> choiceDocs, int columnPort, String doc) {
        return new SettingDef(key, kind, label, doc, defaultValue, min, max, choices, choiceDocs, "Options", columnPort, null,
                List.of(), key.replace('_', '-'));
    }

    public static SettingDef text(String key, String label, String defaultValue, String doc) {
        return of(key, SettingKind.TEXT, label, defaultValue, Double.NaN, Double.NaN, List.of(), List.of(), -1, doc);
    }

    public static SettingDef file(String key, String label, String doc) {
        return of(key, SettingKind.FILE, label, "", Double.NaN, Double.NaN, List.of(), List.of(), -1, doc);
    }

    public static SettingDef folder(String key, String label, String defaultValue, String doc) {
        return of(key, SettingKind.FOLDER, label, defaultValue, Double.NaN, Double.NaN, List.of(), List.of(), -1, doc);
    }

    /** A file the node writes (its folder is created if missing). */
    public static SettingDef outputFile(String key, String label, String doc) {
        return of(key, SettingKind.OUTPUT_FILE, label, "", Double.NaN, Double.NaN, List.of(), List.of(), -1, doc);
    }

    /** A folder the node writes into (created if missing). */
    public static SettingDef outputFolder(String key, String label, String defaultValue, String doc) {
        return of(key, SettingKind.OUTPUT_FOLDER, label, defaultValue, Double.NaN, Double.NaN, List.of(), List.of(), -1, doc);
    }

    /** @param choiceDocs one sentence per choice */
    public static SettingDef choice(String key, String label, String defaultValue, List<String> choices,
            List<String> choiceDocs, String doc) {
        return of(key, SettingKind.CHOICE, label, defaultValue, Double.NaN, Double.NaN, choices, choiceDocs, -1, doc);
    }

    /** A column of the table at 0-based input port {@code port}. */
    public static SettingDef column(String key, String label, String defaultValue, int port, String doc) {
        return of(key, SettingKind.COLUMN, label, defaultValue, Double.NaN, Double.NaN, List.of(), List.of(), port, doc);
    }

    public static SettingDef integer(String key, String label, int defaultValue, int min, int max, String doc) {
        return of(key, SettingKind.INT, label, Integer.toString(defaultValue), min, max, List.of(), List.of(), -1, doc);
    }

    /** A random seed: a whole number from 0 to 2^31 - 1. */
    public static SettingDef seed(String key, String label, long defaultValue, String doc) {
        return integer(key, label, Math.toIntExact(defaultValue), 0, Integer.MAX_VALUE, doc);
    }

    public static SettingDef real(String key, String label, double defaultValue, double min, double max, String doc) {
        return of(key, SettingKind.DOUBLE, label, Double.toString(defaultValue), min, max, List.of(), List.of(), -1, doc);
    }

    public static SettingDef bool(String key, String label, boolean defaultValue, String doc) {
        return of(key, SettingKind.BOOLEAN, label, Boolean.toString(defaultValue), Double.NaN, Double.NaN, List.of(),
                List.of(), -1, doc);
    }

    /** Key of the thread-count setting of the compute-heavy steps (applied by {@link Step#execute}). */
    public static final String THREADS = "threads";

    /** The thread-count setting of a compute-heavy step: 0 (the default) uses every core. */
    public static SettingDef threads() {
        return integer(THREADS, "Threads", 0, 0, 1024,
                "How many threads this node computes with (OpenMP threads of the execution: convolutions and most "
                        + "array operations); 0 uses every core. Give branches that run at the same time a share of the "
                        + "cores each, e.g. 1 each on a 2-core machine.").inGroup("Performance");
    }

    /** Key of the batch-size setting of the steps that predict (Evaluator, Predictor). */
    public static final String PREDICTION_BATCH_SIZE = "batch_size";

    /** Images per forward pass of the steps that predict; training batch sizes are their own settings. */
    public static SettingDef predictionBatchSize() {
        return integer(PREDICTION_BATCH_SIZE, "Batch size", 8, 1, 1024, "Images per forward pass.").withFlag("batch");
    }

    /** Key of the runtime setting of the steps that predict (Evaluator, Predictor). */
    public static final String RUNTIME = "runtime";

    /** The runtime a predicting step runs the model in: DL4J (the default) or ONNX Runtime. */
    public static SettingDef runtime() {
        return choice(RUNTIME, "Runtime", InferenceRuntime.DL4J.id(), InferenceRuntime.ids(),
                java.util.Arrays.stream(InferenceRuntime.values()).map(InferenceRuntime::doc).toList(),
                "Which runtime predicts (and, in the evaluator, measures latency): both run the model with its batch norms "
                        + "folded into the convolutions, and their outputs agree within 1e-4.").inGroup("Performance");
    }

    /** Key of the mask values setting (Data Reader: what the files hold; Model Reader: what the model reads). */
    public static final String MASK_VALUES = "mask_values";

    /**
     * The mask values setting, declared once for the nodes that read masks or models ({@link MaskValues}).
     *
     * @param defaultValue binary, or the Model Reader's value that keeps what the model file says
     * @param keepsStored  the doc of that value, or null where there is none
     */
    public static SettingDef maskValues(String defaultValue, String keepsStored) {
        return text(MASK_VALUES, "Mask values", defaultValue, "How the pixel values of mask files map to classes: "
                + (keepsStored == null ? "" : keepsStored + ", ") + "binary (0 background, anything else foreground), "
                + "class-index (value v is class v), values:a,b,c (the i-th value is class i). Anything but binary makes "
                + "masks, loss, metrics and predictions count classes.");
    }

    /** The same setting in another dialog group. */
    public SettingDef inGroup(String name) {
        return new SettingDef(key, kind, label, doc, defaultValue, min, max, choices, choiceDocs, name, columnPort, enabledKey,
                enabledValues, flag);
    }

    /** The same setting, applying only while setting {@code otherKey} has one of {@code values}. */
    public SettingDef enabledWhen(String otherKey, String... values) {
        return new SettingDef(key, kind, label, doc, defaultValue, min, max, choices, choiceDocs, group, columnPort, otherKey,
                List.of(values), flag);
    }

    /** The same setting under another command-line option name (one the command line had before the key). */
    public SettingDef withFlag(String name) {
        return new SettingDef(key, kind, label, doc, defaultValue, min, max, choices, choiceDocs, group, columnPort, enabledKey,
                enabledValues, name);
    }

    /** The same setting with another default (a composed command's own default, e.g. compare's 30 training epochs). */
    public SettingDef withDefault(String value) {
        return new SettingDef(key, kind, label, doc, value, min, max, choices, choiceDocs, group, columnPort, enabledKey,
                enabledValues, flag);
    }

    /** The option as typed on the command line: {@code --flag}, or {@code --no-flag} for a setting that defaults to true. */
    public String option() {
        return kind == SettingKind.BOOLEAN && Boolean.parseBoolean(defaultValue) ? "--no-" + flag : "--" + flag;
    }

    /** Whether this setting applies given the other settings' values (by key, as strings). */
    public boolean appliesTo(Map<String, String> values) {
        return enabledKey == null || enabledValues.contains(values.get(enabledKey));
    }

    /** The typed default: String, Integer, Double or Boolean. */
    public Object typedDefault() {
        return parse(defaultValue);
    }

    /** How a user names this setting in messages: label and key. */
    public String describe() {
        return label + " [" + key + "]";
    }

    /**
     * The typed value of {@code raw}: String (never null), Integer, Double or Boolean.
     *
     * @throws SegPruneException naming the setting if the value is malformed or out of bounds
     */
    public Object parse(String raw) {
        String value = raw == null ? "" : raw;
        switch (kind) {
            case INT -> {
                long parsed = parseLong(value.trim(), "a whole number");
                if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
                    throw invalid(value, "a whole number");
                }
                checkBounds(parsed, value);
                return (int) parsed;
            }
            case DOUBLE -> {
                double parsed;
                try {
                    parsed = Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    throw invalid(value, "a number");
                }
                if (!Double.isFinite(parsed)) {
                    throw invalid(value, "a finite number");
                }
                checkBounds(parsed, value);
                return parsed;
            }
            case BOOLEAN -> {
                String lower = value.trim().toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw invalid(value, "true or false");
                }
                return Boolean.valueOf(lower);
            }
            case CHOICE -> {
                for (String choice : choices) {
                    if (choice.equalsIgnoreCase(value.trim())) {
                        return choice;
                    }
                }
                throw new SegPruneException(describe() + " must be one of " + String.join(", ", choices) + ", got '" + value
                        + "'");
            }
            default -> {
                return value;
            }
        }
    }

    /** The canonical string of a typed value (what {@link #parse} reads back to the same value). */
    public static String format(Object typed) {
        return typed == null ? "" : typed.toString();
    }

    private long parseLong(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(value, what);
        }
    }

    private void checkBounds(double value, String raw) {
        if ((!Double.isNaN(min) && value < min) || (!Double.isNaN(max) && value > max)) {
            throw new SegPruneException(describe() + " must be between " + bound(min) + " and " + bound(max) + ", got "
                    + raw.trim());
        }
    }

    private String bound(double value) {
        if (Double.isNaN(value)) {
            return "any";
        }
        return kind == SettingKind.DOUBLE ? Double.toString(value) : Long.toString((long) value);
    }

    private SegPruneException invalid(String value, String what) {
        return new SegPruneException(describe() + " must be " + what + ", got '" + value + "'");
    }
}
