package org.knime.core.node;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * KNIME's logger facade. In this subset it prints to {@code System.err}: WARN and above by default; set the system
 * property {@code knime.api.subset.loglevel} to DEBUG or INFO for more. (Real KNIME routes to its log4j setup.)
 */
public final class NodeLogger {

    /** Logging levels. */
    public enum LEVEL {
        /** Debug level. */
        DEBUG,
        /** Info level. */
        INFO,
        /** Warning level. */
        WARN,
        /** Error level. */
        ERROR,
        /** Fatal level. */
        FATAL,
        /** Everything. */
        ALL
    }

    private static final Map<String, NodeLogger> LOGGERS = new ConcurrentHashMap<>();

    private static final boolean ASSERTIONS_ENABLED = NodeLogger.class.desiredAssertionStatus();

    private final String m_name;

    private NodeLogger(final String name) {
        m_name = name;
    }

    public static NodeLogger getLogger(final Class<?> c) {
        return getLogger(c.getName());
    }

    public static NodeLogger getLogger(final String s) {
        return LOGGERS.computeIfAbsent(s, NodeLogger::new);
    }

    private static LEVEL threshold() {
        String prop = System.getProperty("knime.api.subset.loglevel", "WARN");
        try {
            return LEVEL.valueOf(prop.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return LEVEL.WARN;
        }
    }

    public boolean isEnabledFor(final LEVEL level) {
        LEVEL t = threshold();
        return t == LEVEL.ALL || (level != LEVEL.ALL && level.ordinal() >= t.ordinal());
    }

    public LEVEL getLevel() {
        return threshold();
    }

    public boolean isDebugEnabled() {
        return isEnabledFor(LEVEL.DEBUG);
    }

    public boolean isInfoEnabled() {
        return isEnabledFor(LEVEL.INFO);
    }

    private void log(final LEVEL level, final Object o, final Throwable t) {
        if (!isEnabledFor(level)) {
            return;
        }
        PrintStream err = System.err;
        synchronized (err) {
            err.println(String.format("%-5s %s : %s", level, simpleName(), o));
            if (t != null) {
                t.printStackTrace(err);
            }
        }
    }

    private String simpleName() {
        int dot = m_name.lastIndexOf('.');
        return dot < 0 ? m_name : m_name.substring(dot + 1);
    }

    private static Object get(final Supplier<Object> s) {
        return s == null ? null : s.get();
    }

    // ---- debug

    public void debug(final Object o) {
        log(LEVEL.DEBUG, o, null);
    }

    public void debug(final Object o, final Throwable t) {
        log(LEVEL.DEBUG, o, t);
    }

    public void debug(final Throwable t) {
        log(LEVEL.DEBUG, t == null ? null : t.getMessage(), t);
    }

    public void debug(final Supplier<Object> messageSupplier) {
        if (isDebugEnabled()) {
            log(LEVEL.DEBUG, get(messageSupplier), null);
        }
    }

    public void debug(final Supplier<Object> messageSupplier, final Throwable t) {
        if (isDebugEnabled()) {
            log(LEVEL.DEBUG, get(messageSupplier), t);
        }
    }

    public void debugWithFormat(final String format, final Object... args) {
        if (isEnabledFor(LEVEL.DEBUG)) {
            debug(String.format(format, args));
        }
    }

    // ---- info (a throwable's stack trace goes to debug, as in KNIME)

    public void info(final Object o) {
        log(LEVEL.INFO, o, null);
    }

    public void info(final Object o, final Throwable t) {
        info(o);
        if (t != null) {
            debug(o, t);
        }
    }

    public void info(final Throwable t) {
        info(t == null ? null : t.getMessage(), t);
    }

    public void info(final Supplier<Object> messageSupplier) {
        if (isInfoEnabled()) {
            info(get(messageSupplier));
        }
    }

    public void info(final Supplier<Object> messageSupplier, final Throwable t) {
        if (isInfoEnabled() || isDebugEnabled()) {
            info(get(messageSupplier), t);
        }
    }

    public void infoWithFormat(final String format, final Object... args) {
        if (isEnabledFor(LEVEL.INFO)) {
            info(String.format(format, args));
        }
    }

    // ---- warn

    public void warn(final Object o) {
        log(LEVEL.WARN, o, null);
    }

    public void warn(final Object o, final Throwable t) {
        warn(o);
        if (t != null) {
            debug(o, t);
        }
    }

    public void warn(final Throwable t) {
        warn(t == null ? null : t.getMessage(), t);
    }

    public void warn(final Supplier<Object> messageSupplier) {
        if (isEnabledFor(LEVEL.WARN)) {
            warn(get(messageSupplier));
        }
    }

    public void warn(final Supplier<Object> messageSupplier, final Throwable t) {
        if (isEnabledFor(LEVEL.WARN)) {
            warn(get(messageSupplier), t);
        }
    }

    public void warnWithFormat(final String format, final Object... args) {
        if (isEnabledFor(LEVEL.WARN)) {
            warn(String.format(format, args));
        }
    }

    // ---- error

    public void error(final Object o) {
        log(LEVEL.ERROR, o, null);
    }

    public void error(final Object o, final Throwable t) {
        error(o);
        if (t != null) {
            debug(o, t);
        }
    }

    public void error(final Throwable t) {
        error(t == null ? null : t.getMessage(), t);
    }

    public void error(final Supplier<Object> messageSupplier) {
        if (isEnabledFor(LEVEL.ERROR)) {
            error(get(messageSupplier));
        }
    }

    public void error(final Supplier<Object> messageSupplier, final Throwable t) {
        if (isEnabledFor(LEVEL.ERROR)) {
            error(get(messageSupplier), t);
        }
    }

    public void errorWithFormat(final String format, final Object... args) {
        if (isEnabledFor(LEVEL.ERROR)) {
            error(String.format(format, args));
        }
    }

    // ---- fatal

    public void fatal(final Object o) {
        log(LEVEL.FATAL, o, null);
    }

    public void fatal(final Object o, final Throwable t) {
        fatal(o);
        if (t != null) {
            debug(o, t);
        }
    }

    public void fatalWithFormat(final String format, final Object... args) {
        if (isEnabledFor(LEVEL.FATAL)) {
            fatal(String.format(format, args));
        }
    }

    // ---- coding problems: logged as errors only when assertions are on, as in KNIME

    public void coding(final Object o) {
        if (ASSERTIONS_ENABLED) {
            error("CODING PROBLEM\t" + o);
        }
    }

    public void coding(final Object o, final Throwable t) {
        if (ASSERTIONS_ENABLED) {
            coding(o);
            if (t != null) {
                debug(o, t);
            }
        }
    }

    public void coding(final Supplier<Object> messageSupplier) {
        if (ASSERTIONS_ENABLED) {
            coding(get(messageSupplier));
        }
    }

    public void coding(final Supplier<Object> messageSupplier, final Throwable t) {
        if (ASSERTIONS_ENABLED) {
            coding(get(messageSupplier), t);
        }
    }

    public void codingWithFormat(final String format, final Object... args) {
        if (ASSERTIONS_ENABLED) {
            coding(String.format(format, args));
        }
    }

    /** Logs "ASSERT m" as error if assertions are enabled and {@code b} is false. */
    public void assertLog(final boolean b, final String m) {
        if (ASSERTIONS_ENABLED && !b) {
            log(LEVEL.ERROR, "ASSERT " + m, new AssertionError(m));
        }
    }
}
