package org.segprune.util;

/**
 * One line for a failure caused by running out of memory. DL4J wraps JavaCPP's native OutOfMemoryError in
 * RuntimeExceptions, so a user saw only "Error during neural network backpropagation calculation" and a stack trace.
 */
public final class OutOfMemory {

    private OutOfMemory() {
    }

    /**
     * @param operation what ran out of memory, e.g. "compare" or the node's name
     * @param howToRaise where the front-end's user sets the limits, e.g. "with SEGPRUNE_JAVA_OPTS"
     * @return the message naming the limit that was reached and the limits to raise, or null when {@code failure} has no
     *         OutOfMemoryError among its causes
     */
    public static String describe(String operation, Throwable failure, String howToRaise) {
        OutOfMemoryError deepest = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError memory) {
                deepest = memory; // JavaCPP's innermost one names the limit that was reached
            }
        }
        return deepest == null ? null
                : "out of memory in " + operation + " (" + deepest.getMessage() + "). The limits are the Java heap (-Xmx)"
                        + " and JavaCPP's native memory (org.bytedeco.javacpp.maxbytes for ND4J's arrays, maxphysicalbytes"
                        + " for the whole process): raise them " + howToRaise + ", or use a smaller batch, input size or model";
    }
}
