package org.segprune.util;

/**
 * A problem the user can act on (bad input, bad setting, impossible budget). Its message is one
 * line that names the file, column or setting at fault; front-ends show it as is.
 */
public class SegPruneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SegPruneException(String message) {
        super(message);
    }

    public SegPruneException(String message, Throwable cause) {
        super(message, cause);
    }
}
