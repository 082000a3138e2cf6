package org.knime.core.node;

/** Thrown by {@link ExecutionMonitor#checkCanceled()} once cancellation was requested. */
public class CanceledExecutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {
        super();
    }

    public CanceledExecutionException(final String s) {
        super(s);
    }
}
