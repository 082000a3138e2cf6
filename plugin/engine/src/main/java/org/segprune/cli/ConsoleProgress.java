package org.segprune.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.segprune.util.Progress;

/**
 * Progress on stderr, at most one line every two seconds and nothing for steps that finish sooner
 * (milestones always print); Ctrl-C ends the JVM (nothing half-written).
 */
final class ConsoleProgress implements Progress {

    private final PrintStream out;
    private final String prefix;
    private long lastPrint;

    ConsoleProgress(PrintStream out, String prefix) {
        this.out = out;
        this.prefix = prefix;
        this.lastPrint = System.nanoTime();
    }

    @Override
    public void report(double fraction, String message) {
        long now = System.nanoTime();
        if (now - lastPrint < 2_000_000_000L) {
            return;
        }
        print(fraction, message);
    }

    @Override
    public void milestone(double fraction, String message) {
        print(fraction, message);
    }

    @Override
    public void warn(String message) {
        out.println("[" + prefix + "] warning: " + message);
    }

    private void print(double fraction, String message) {
        lastPrint = System.nanoTime();
        out.println(String.format(Locale.ROOT, "[%s %3.0f%%] %s", prefix, 100 * fraction, message));
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
