package org.knime.core.node;

/** Thrown by a dialog that can't be opened for the current input (e.g. no suitable column). */
public class NotConfigurableException extends Exception {

    private static final long serialVersionUID = 1L;

    public NotConfigurableException(final String message) {
        super(message);
    }

    public NotConfigurableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
