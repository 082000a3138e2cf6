package org.knime.core.node;

/** Thrown when settings are missing or invalid (real: bundle org.knime.core.util). */
public class InvalidSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(final String s) {
        super(s);
    }

    public InvalidSettingsException(final Throwable cause) {
        super(cause);
    }

    public InvalidSettingsException(final String msg, final Throwable cause) {
        super(msg, cause);
    }
}
