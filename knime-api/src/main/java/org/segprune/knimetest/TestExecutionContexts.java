package org.segprune.knimetest;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeProgressMonitor;

/**
 * Creates {@link ExecutionContext}s for tests (KNIME's constructors need its internal Node class; the subset's
 * package-private constructor is reached by reflection) and reads/controls their progress and cancel state.
 */
public final class TestExecutionContexts {

    private TestExecutionContexts() {
    }

    /** @return a context reporting to a fresh {@link DefaultNodeProgressMonitor} */
    public static ExecutionContext create() {
        return create(new DefaultNodeProgressMonitor());
    }

    /** @return a context reporting to the given monitor */
    public static ExecutionContext create(final NodeProgressMonitor monitor) {
        try {
            Constructor<ExecutionContext> ctor =
                ExecutionContext.class.getDeclaredConstructor(NodeProgressMonitor.class);
            ctor.setAccessible(true);
            return ctor.newInstance(monitor);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create ExecutionContext", e);
        }
    }

    /**
     * Requests cancellation: afterwards {@code checkCanceled()} throws on this monitor and on all sub monitors and
     * sub contexts created from it.
     *
     * @param root a context from {@link #create()} (not a sub context)
     * @throws IllegalStateException if called on a sub context
     */
    public static void cancel(final ExecutionMonitor root) {
        root.getProgressMonitor().setExecuteCanceled();
    }

    /** @return the last progress fraction set on this monitor (sub monitors: their own [0, 1] value), or null */
    public static Double progress(final ExecutionMonitor exec) {
        return exec.getProgressMonitor().getProgress();
    }

    /** @return the last message set directly on this monitor, or null */
    public static String message(final ExecutionMonitor exec) {
        return exec.getProgressMonitor().getMessage();
    }

    /**
     * @return the message KNIME's progress bar would show: this monitor's message followed by " - " and the message
     *         of the most recently active sub monitor (for a monitor from {@link #create()}); otherwise
     *         {@link #message(ExecutionMonitor)}
     */
    public static String fullMessage(final ExecutionMonitor exec) {
        NodeProgressMonitor pm = exec.getProgressMonitor();
        if (pm instanceof DefaultNodeProgressMonitor) {
            try {
                Method m = DefaultNodeProgressMonitor.class.getDeclaredMethod("getCombinedMessage");
                m.setAccessible(true);
                return (String)m.invoke(pm);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return pm.getMessage();
    }
}
