package org.segprune.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutOfMemoryTest {

    @Test
    void runningOutOfNativeMemoryIsOneLineNamingTheLimitReached() {
        // the chain DL4J threw when attention scoring of a base-32 U-Net at 128x128 reached JavaCPP's limit
        RuntimeException failure = new RuntimeException("Error during neural network backpropagation calculation",
                new OutOfMemoryError("Cannot allocate new LongPointer(4): totalBytes = 256, physicalBytes = 8192M")
                        .initCause(new OutOfMemoryError("Physical memory usage is too high: physicalBytes (8192M) >"
                                + " maxPhysicalBytes (8192M)")));
        String message = OutOfMemory.describe("'compare'", failure, "with SEGPRUNE_JAVA_OPTS");
        assertTrue(message.startsWith("out of memory in 'compare' (Physical memory usage is too high"), message);
        assertTrue(message.contains("maxphysicalbytes") && message.contains("raise them with SEGPRUNE_JAVA_OPTS"), message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void otherFailuresAreNotTakenForMemory() {
        assertNull(OutOfMemory.describe("'compare'", new RuntimeException(new IllegalStateException("other")), "anywhere"));
    }
}
