package org.knime.core.node;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps a progress value in [0, 1] (or {@code null}), a message and a cancel flag. Sub monitors created through
 * {@link ExecutionMonitor#createSubProgress(double)} add their scaled progress to their parent and report their
 * message as an appendix (visible in KNIME's progress bar as "parent message - sub message"; {@link #getMessage()}
 * returns the main message only, as in KNIME). Unlike KNIME this version fires no progress events.
 */
public class DefaultNodeProgressMonitor implements NodeProgressMonitor {

    private static final Supplier<String> NULL_SUPPLIER = () -> null;

    private volatile boolean m_cancelExecute;

    private Double m_progress;

    private Supplier<String> m_messageSupplier = NULL_SUPPLIER;

    private Supplier<String> m_appendSupplier = NULL_SUPPLIER;

    public DefaultNodeProgressMonitor() {
    }

    @Override
    public synchronized void reset() {
        m_cancelExecute = false;
        m_progress = null;
        m_messageSupplier = NULL_SUPPLIER;
        m_appendSupplier = NULL_SUPPLIER;
    }

    /** @return whether cancellation was requested (or the current thread was interrupted) */
    protected boolean isCanceled() {
        return m_cancelExecute || Thread.currentThread().isInterrupted();
    }

    @Override
    public void checkCanceled() throws CanceledExecutionException {
        if (isCanceled()) {
            throw new CanceledExecutionException("ProgressMonitor has been canceled.");
        }
    }

    @Override
    public void setExecuteCanceled() {
        m_cancelExecute = true;
    }

    @Override
    public synchronized void setProgress(final double progress, final String message) {
        setProgressIntern(progress);
        m_messageSupplier = () -> message;
        m_appendSupplier = NULL_SUPPLIER;
    }

    @Override
    public synchronized void setProgress(final double progress, final Supplier<String> message) {
        setProgressIntern(progress);
        m_messageSupplier = Objects.requireNonNull(message, "message supplier");
    }

    @Override
    public synchronized void setProgress(final double progress) {
        setProgressIntern(progress);
    }

    @Override
    public synchronized void setMessage(final String message) {
        setProgress(message);
    }

    @Override
    public synchronized void setMessage(final Supplier<String> message) {
        m_messageSupplier = Objects.requireNonNull(message, "message supplier");
    }

    @Override
    public synchronized void setProgress(final String message) {
        m_messageSupplier = () -> message;
        m_appendSupplier = NULL_SUPPLIER;
    }

    /** Called by sub monitors: their message is shown after this monitor's own message. */
    synchronized void appendMessage(final Supplier<String> appendSupplier) {
        m_appendSupplier = appendSupplier;
    }

    /** The combined "message - sub message" text KNIME would show (used by tests through the helper classes). */
    synchronized String getCombinedMessage() {
        return combine(m_messageSupplier.get(), m_appendSupplier.get());
    }

    private void setProgressIntern(final double progress) {
        if (progress >= 0.0 && progress <= 1.0) {
            m_progress = progress;
        }
    }

    @Override
    public synchronized Double getProgress() {
        return m_progress;
    }

    @Override
    public synchronized String getMessage() {
        return m_messageSupplier.get();
    }

    static String combine(final String message, final String append) {
        if (message != null) {
            return append == null ? message : message + " - " + append;
        }
        return append;
    }

    /**
     * Reports progress in [0, 1] as a share {@code max} of its parent's progress: each increase by d adds d * max to
     * the parent. Cancellation is read from the parent.
     */
    static class SubNodeProgressMonitor implements NodeProgressMonitor {

        private final NodeProgressMonitor m_parent;

        private final double m_maxProg;

        private double m_lastProg;

        private Supplier<String> m_innerMessage = NULL_SUPPLIER;

        private Supplier<String> m_innerAppend = NULL_SUPPLIER;

        SubNodeProgressMonitor(final NodeProgressMonitor parent, final double max) {
            m_parent = parent;
            m_maxProg = max;
        }

        @Override
        public void checkCanceled() throws CanceledExecutionException {
            m_parent.checkCanceled();
        }

        @Override
        public Double getProgress() {
            return m_lastProg;
        }

        @Override
        public String getMessage() {
            String m = m_innerMessage.get();
            return m == null ? "" : m;
        }

        @Override
        public void setProgress(final double progress) {
            if (progress < 0.0 || progress > 1.0) {
                return;
            }
            synchronized (m_parent) {
                Double parentProgress = m_parent.getProgress();
                double base = parentProgress == null ? 0.0 : parentProgress;
                double diff = progress - m_lastProg;
                m_lastProg = progress;
                m_parent.setProgress(Math.max(0.0, Math.min(1.0, base + diff * m_maxProg)));
            }
        }

        @Override
        public void setProgress(final double progress, final String message) {
            setProgress(progress, () -> message);
        }

        @Override
        public void setProgress(final double progress, final Supplier<String> message) {
            synchronized (m_parent) {
                setProgress(progress);
                setMessage(message);
            }
        }

        @Override
        public void setMessage(final String message) {
            setMessage(() -> message);
        }

        @Override
        public void setMessage(final Supplier<String> message) {
            m_innerMessage = Objects.requireNonNull(message, "message supplier");
            m_innerAppend = NULL_SUPPLIER;
            forward();
        }

        @Override
        public void setProgress(final String message) {
            setMessage(message);
        }

        /** A nested sub monitor's message is appended to this one's. */
        void appendMessage(final Supplier<String> append) {
            m_innerAppend = append;
            forward();
        }

        private void forward() {
            Supplier<String> combined = () -> combine(m_innerMessage.get(), m_innerAppend.get());
            if (m_parent instanceof DefaultNodeProgressMonitor d) {
                d.appendMessage(combined);
            } else if (m_parent instanceof SubNodeProgressMonitor s) {
                s.appendMessage(combined);
            }
        }

        @Override
        public void setExecuteCanceled() {
            throw new IllegalStateException("This method must not be called.");
        }

        @Override
        public void reset() {
            throw new IllegalStateException("This method must not be called.");
        }
    }

    /** A sub monitor that ignores messages. */
    static final class SilentSubNodeProgressMonitor extends SubNodeProgressMonitor {

        SilentSubNodeProgressMonitor(final NodeProgressMonitor parent, final double max) {
            super(parent, max);
        }

        @Override
        public void setProgress(final double progress, final Supplier<String> message) {
            setProgress(progress);
        }

        @Override
        public void setMessage(final Supplier<String> message) {
            // silent
        }

        @Override
        void appendMessage(final Supplier<String> append) {
            // silent
        }
    }
}
