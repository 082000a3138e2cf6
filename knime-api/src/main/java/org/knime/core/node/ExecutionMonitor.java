package org.knime.core.node;

import java.util.function.Supplier;

import org.knime.core.node.DefaultNodeProgressMonitor.SilentSubNodeProgressMonitor;
import org.knime.core.node.DefaultNodeProgressMonitor.SubNodeProgressMonitor;

/** Progress reporting and cancel checks for a node's work; delegates to a {@link NodeProgressMonitor}. */
public class ExecutionMonitor {

    private final NodeProgressMonitor m_progress;

    public ExecutionMonitor() {
        m_progress = new DefaultNodeProgressMonitor();
    }

    /** @param progress the monitor to report to; {@code null} creates a fresh {@link DefaultNodeProgressMonitor} */
    public ExecutionMonitor(final NodeProgressMonitor progress) {
        m_progress = progress == null ? new DefaultNodeProgressMonitor() : progress;
    }

    public final NodeProgressMonitor getProgressMonitor() {
        return m_progress;
    }

    boolean isCanceled() {
        try {
            m_progress.checkCanceled();
            return false;
        } catch (CanceledExecutionException cee) {
            return true;
        }
    }

    public void checkCanceled() throws CanceledExecutionException {
        m_progress.checkCanceled();
    }

    public void setProgress(final double progress) {
        m_progress.setProgress(progress);
    }

    public void setProgress(final double progress, final String message) {
        m_progress.setProgress(progress, message);
    }

    public void setProgress(final double progress, final Supplier<String> messageSupplier) {
        if (messageSupplier == null) {
            throw new IllegalArgumentException("Message supplier must not be null");
        }
        m_progress.setProgress(progress, messageSupplier);
    }

    public void setMessage(final String message) {
        m_progress.setMessage(message);
    }

    public void setMessage(final Supplier<String> messageSupplier) {
        m_progress.setMessage(messageSupplier);
    }

    public void setProgress(final String message) {
        m_progress.setProgress(message);
    }

    /**
     * @param maxProg the share of this monitor's progress that the sub monitor's [0, 1] maps to
     * @return a monitor for a part of the work
     * @throws IllegalArgumentException if the argument is not in [0, 1]
     */
    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(createSubProgressMonitor(maxProg));
    }

    /** Like {@link #createSubProgress(double)} but messages of the sub monitor are ignored. */
    public ExecutionMonitor createSilentSubProgress(final double maxProg) {
        return new ExecutionMonitor(createSilentSubProgressMonitor(maxProg));
    }

    NodeProgressMonitor createSubProgressMonitor(final double maxProg) {
        checkRange(maxProg);
        return new SubNodeProgressMonitor(m_progress, maxProg);
    }

    NodeProgressMonitor createSilentSubProgressMonitor(final double maxProg) {
        checkRange(maxProg);
        return new SilentSubNodeProgressMonitor(m_progress, maxProg);
    }

    private static void checkRange(final double maxProg) {
        if (maxProg > 1.0 || maxProg < 0.0) {
            throw new IllegalArgumentException("Invalid sub progress size: " + maxProg);
        }
    }
}
