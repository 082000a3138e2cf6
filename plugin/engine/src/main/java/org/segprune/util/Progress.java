package org.segprune.util;

/**
 * How long-running engine calls report progress and learn that they must stop. The KNIME nodes
 * adapt an ExecutionMonitor to it, the command line prints to stderr with an ETA.
 */
public interface Progress {

    /** A progress that reports nowhere and is never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void report(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** @param fraction in [0,1] of this progress' range */
    void report(double fraction, String message);

    boolean isCancelled();

    /** A progress report that must not be dropped by throttling (end of an epoch, a finished step). */
    default void milestone(double fraction, String message) {
        report(fraction, message);
    }

    /**
     * A soft problem the user must see (KNIME: the node's warning message; command line: a line on
     * stderr). Views of a progress never drop warnings.
     */
    default void warn(String message) {
    }

    /** Throws {@link CancelledException} if the user asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** A view that honours cancellation but reports nothing (for short side steps such as validation). */
    default Progress silent() {
        Progress parent = this;
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public void warn(String message) {
                parent.warn(message);
            }

            @Override
            public boolean isCancelled() {
                return parent.isCancelled();
            }
        };
    }

    /** A view that maps [0,1] onto [from, to] of this progress. */
    default Progress sub(double from, double to) {
        Progress parent = this;
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                parent.report(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
            }

            @Override
            public void milestone(double fraction, String message) {
                parent.milestone(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
            }

            @Override
            public void warn(String message) {
                parent.warn(message);
            }

            @Override
            public boolean isCancelled() {
                return parent.isCancelled();
            }
        };
    }
}
