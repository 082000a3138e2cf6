package org.segprune.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.segprune.step.SettingDef;
import org.segprune.step.SettingKind;
import org.segprune.step.Step;
import org.segprune.step.Steps;
import org.segprune.util.SegPruneException;

/**
 * A step's settings as command-line options: each offered setting is read from its {@link SettingDef#option()}
 * with the setting's default, type and bounds, so a command declares no name, default or bound of its own.
 */
final class StepOptions {

    private StepOptions() {
    }

    /** Every boolean option of every step ({@code --no-flip}), for the parser: they take no value. */
    static Set<String> switches() {
        return Steps.all().stream().flatMap(step -> step.schema().defs().stream())
                .filter(def -> def.kind() == SettingKind.BOOLEAN).map(def -> def.option().substring(2))
                .collect(Collectors.toSet());
    }

    /**
     * One setting of a step as a command offers it: under the step's flag and default, or under the command's own
     * (a composed command such as compare keeps its older option names and its own defaults; declared here once).
     *
     * @param flag         the option name without dashes, or null for the setting's flag
     * @param defaultValue the command's default, or null for the setting's default
     */
    record Offer(String key, String flag, String defaultValue) {

        static Offer of(String key) {
            return new Offer(key, null, null);
        }

        static List<Offer> of(List<String> keys) {
            return keys.stream().map(Offer::of).toList();
        }

        Offer as(String name) {
            return new Offer(key, name, defaultValue);
        }

        Offer defaultsTo(Object value) {
            return new Offer(key, flag, value.toString());
        }

        /** The step's setting as this command offers it. */
        SettingDef def(Step<?> step) {
            SettingDef def = step.schema().def(key);
            def = flag == null ? def : def.withFlag(flag);
            return defaultValue == null ? def : def.withDefault(defaultValue);
        }
    }

    /** {@link #read(Args, Step, List, Map)} with the offered keys under the step's flags and defaults. */
    static Map<String, String> read(Args args, Step<?> step, List<String> offered, Map<String, String> fixed) {
        return readOffers(args, step, Offer.of(offered), fixed);
    }

    /**
     * The raw settings of {@code step}: {@code fixed} values and the offers' own defaults, overridden by the options
     * given for the offers; the other settings keep their defaults. The settings are checked here; an error that one
     * option causes names that option.
     *
     * @param fixed values the command sets (values derived from other options)
     */
    static Map<String, String> readOffers(Args args, Step<?> step, List<Offer> offered, Map<String, String> fixed) {
        Map<String, String> base = new LinkedHashMap<>(fixed);
        for (Offer offer : offered) {
            if (offer.defaultValue() != null) {
                base.put(offer.key(), offer.defaultValue());
            }
        }
        Map<String, String> raw = new LinkedHashMap<>(base);
        List<SettingDef> given = new ArrayList<>();
        for (Offer offer : offered) {
            SettingDef def = offer.def(step);
            String option = def.option().substring(2);
            String value;
            if (def.kind() == SettingKind.BOOLEAN) {
                value = args.flag(option) ? Boolean.toString(!Boolean.parseBoolean(def.defaultValue())) : null;
            } else {
                value = args.string(option, null);
            }
            if (value != null) {
                try {
                    def.parse(value);
                } catch (SegPruneException e) {
                    throw new SegPruneException(def.option() + ": " + e.getMessage(), e);
                }
                raw.put(def.key(), value);
                given.add(def);
            }
        }
        try {
            step.settings(raw);
        } catch (SegPruneException e) {
            throw new SegPruneException(blame(step, base, raw, given, e.getMessage()) + e.getMessage(), e);
        }
        return raw;
    }

    /** "--option: " if the error comes from one given option alone with the fixed values, else "". */
    private static String blame(Step<?> step, Map<String, String> fixed, Map<String, String> raw, List<SettingDef> given,
            String message) {
        if (!parses(step, fixed)) {
            return "";
        }
        for (SettingDef def : given) {
            Map<String, String> alone = new LinkedHashMap<>(fixed);
            alone.put(def.key(), raw.get(def.key()));
            try {
                step.settings(alone);
            } catch (SegPruneException e) {
                if (e.getMessage().equals(message)) {
                    return def.option() + ": ";
                }
            }
        }
        return "";
    }

    private static boolean parses(Step<?> step, Map<String, String> raw) {
        try {
            step.settings(raw);
            return true;
        } catch (SegPruneException e) {
            return false;
        }
    }

    /** One usage line of options: {@code [--flag default]} per offered key. */
    static String usage(Step<?> step, List<String> offered) {
        return usageOf(step, Offer.of(offered));
    }

    /** One usage line of options: {@code [--flag default]} per offer. */
    static String usageOf(Step<?> step, List<Offer> offered) {
        StringBuilder text = new StringBuilder();
        for (Offer offer : offered) {
            SettingDef def = offer.def(step);
            text.append(text.length() == 0 ? "" : " ").append('[').append(def.option());
            if (def.kind() == SettingKind.CHOICE) {
                text.append(' ').append(String.join("|", def.choices()));
            } else if (def.kind() != SettingKind.BOOLEAN) {
                text.append(' ').append(def.defaultValue().isEmpty() ? def.key().toUpperCase(java.util.Locale.ROOT)
                        : def.defaultValue());
            }
            text.append(']');
        }
        return text.toString();
    }
}
