package org.segprune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LibraryOutputFilterTest {

    @Test
    void dropsSameDiffDebugLinesAndForwardsTheRest() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(sink, true, StandardCharsets.UTF_8);
        PrintStream library = new PrintStream(new LibraryOutputFilter(target), true, StandardCharsets.UTF_8);
        library.println("Added differentiated op sigmoid");
        library.println("a library warning");
        library.println("Added differentiated op matmul_2");
        library.print("no newline yet");
        assertEquals("a library warning" + System.lineSeparator(), sink.toString(StandardCharsets.UTF_8));
        library.println();
        assertEquals("a library warning" + System.lineSeparator() + "no newline yet" + System.lineSeparator(),
                sink.toString(StandardCharsets.UTF_8));
    }
}
