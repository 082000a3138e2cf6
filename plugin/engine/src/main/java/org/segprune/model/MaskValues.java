package org.segprune.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.segprune.util.SegPruneException;

/**
 * How the pixel values of a mask file map to classes: {@code binary} (0 background, 255 foreground: SegPrune's masks
 * and the default), {@code class-index} (value v is class v) or {@code values:a,b,c} (the i-th value is class i). Any
 * setting but binary makes a model multi-class: its masks, loss, metrics and predictions count classes.
 */
public final class MaskValues {

    public static final String BINARY = "binary";
    public static final String CLASS_INDEX = "class-index";
    /** Prefix of an explicit value list, "values:0,128,255". */
    public static final String VALUES = "values:";

    private final String setting;
    /** The explicit values (class i = values[i]); null for binary and class-index. */
    private final int[] values;

    private MaskValues(String setting, int[] values) {
        this.setting = setting;
        this.values = values;
    }

    /** Parses a setting; null means binary. */
    public static MaskValues parse(String setting) {
        String text = setting == null ? BINARY : setting.trim().toLowerCase(Locale.ROOT);
        if (text.equals(BINARY) || text.equals(CLASS_INDEX)) {
            return new MaskValues(text, null);
        }
        if (!text.startsWith(VALUES)) {
            throw new SegPruneException("mask values '" + setting + "' is not one of binary, class-index, values:a,b,c");
        }
        String[] parts = text.substring(VALUES.length()).split(",");
        int[] values = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                values[i] = Integer.parseInt(parts[i].trim());
                if (values[i] < 0 || values[i] > 65535) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new SegPruneException("mask values '" + setting + "' must list whole pixel values 0..65535, e.g. values:0,128,255");
        }
        if (values.length < 2 || Arrays.stream(values).distinct().count() != values.length) {
            throw new SegPruneException("mask values '" + setting + "' must list at least two different values");
        }
        List<String> canonical = new ArrayList<>();
        Arrays.stream(values).forEach(v -> canonical.add(Integer.toString(v)));
        return new MaskValues(VALUES + String.join(",", canonical), values);
    }

    /** The setting as stored in the model metadata. */
    public String setting() {
        return setting;
    }

    public boolean binary() {
        return setting.equals(BINARY);
    }

    /**
     * The class of a pixel value, or -1 if the value has none: class-index maps v to v, an explicit list to the
     * value's position. (Binary masks are read by {@code ImageFiles.maskToBinary}.)
     */
    public int classOf(int value) {
        if (values == null) {
            return value;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Number of classes the setting names itself (an explicit list), 0 when the model decides (class-index). */
    public int declaredClasses() {
        return values == null ? 0 : values.length;
    }

    @Override
    public String toString() {
        return setting;
    }
}
