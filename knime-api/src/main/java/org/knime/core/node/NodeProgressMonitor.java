package org.knime.core.node;

import java.util.function.Supplier;

/**
 * Progress and cancel state of a running node. The real interface also has add/remove/removeAll progress listener
 * methods (types from org.knime.core.node.workflow); they are omitted here, so implement this interface only in
 * tests.
 */
public interface NodeProgressMonitor {

    void checkCanceled() throws CanceledExecutionException;

    /** Sets the progress in [0, 1]; out-of-range values are ignored. */
    void setProgress(final double progress);

    /** @return the progress in [0, 1] or {@code null} if none was set */
    Double getProgress();

    void setProgress(final double progress, final String message);

    default void setProgress(final double progress, final Supplier<String> message) {
        setProgress(progress, message.get());
    }

    void setMessage(final String message);

    default void setMessage(final Supplier<String> message) {
        setMessage(message.get());
    }

    void setProgress(final String message);

    String getMessage();

    /** Requests cancellation: subsequent {@link #checkCanceled()} calls throw. */
    void setExecuteCanceled();

    /** Clears progress, message and the cancel flag. */
    void reset();
}
