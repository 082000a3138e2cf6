package org.segprune.util;

/** Thrown when the user cancelled a long-running engine call; nothing has been written. */
public class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
