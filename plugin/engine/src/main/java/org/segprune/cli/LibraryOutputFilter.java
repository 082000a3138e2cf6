package org.segprune.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What libraries print to System.out while a command runs. The command's own results go to its
 * output stream; library lines go to the error stream, except the debug line DL4J M2.1's SameDiff
 * prints for every op whenever it builds a gradient (hundreds per attention scoring run).
 */
final class LibraryOutputFilter extends OutputStream {

    static final String SAMEDIFF_DEBUG_LINE = "Added differentiated op ";

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LibraryOutputFilter(PrintStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
            line.reset();
            if (!text.startsWith(SAMEDIFF_DEBUG_LINE)) {
                target.println(text);
            }
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }
}
