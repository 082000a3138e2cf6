package org.segprune.knime.nodes;

import java.util.ArrayList;
import java.util.List;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.segprune.util.Progress;

/**
 * The engine's progress on a KNIME ExecutionMonitor: reports set the progress bar, cancel is KNIME's
 * cancel, warnings are kept for the node's warning message.
 */
public final class ExecutionProgress implements Progress {

    private final ExecutionMonitor m_exec;

    private final List<String> m_warnings = new ArrayList<>();

    /** @param exec the node's execution monitor */
    public ExecutionProgress(final ExecutionMonitor exec) {
        m_exec = exec;
    }

    @Override
    public void report(final double fraction, final String message) {
        m_exec.setProgress(Math.max(0, Math.min(1, fraction)), message);
    }

    @Override
    public synchronized void warn(final String message) {
        m_warnings.add(message);
    }

    /** @return the warnings the engine gave so far, oldest first */
    public synchronized List<String> warnings() {
        return List.copyOf(m_warnings);
    }

    @Override
    public boolean isCancelled() {
        try {
            m_exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }
}
