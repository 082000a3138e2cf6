package org.segprune.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A measurement runs alone: after the executions that run when it asks, before those that come later. */
class ExecutionLockTest {

    @Test
    void aMeasurementWaitsForRunningExecutionsAndKeepsNewOnesWaiting() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread execution = new Thread(() -> {
            try (ExecutionLock.Hold hold = ExecutionLock.shared()) {
                events.add("execution started");
                running.countDown();
                await(release);
                events.add("execution finished");
            }
        });
        execution.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        Thread measurement = new Thread(() -> {
            // the measuring execution holds the lock shared itself: alone() gives that up while it waits
            try (ExecutionLock.Hold own = ExecutionLock.shared()) {
                ExecutionLock.alone(() -> events.add("measured"));
            }
        });
        measurement.start();
        waitUntil(() -> measurement.getState() == Thread.State.WAITING);
        Thread later = new Thread(() -> {
            try (ExecutionLock.Hold hold = ExecutionLock.shared()) {
                events.add("later execution");
            }
        });
        later.start();
        waitUntil(() -> later.getState() == Thread.State.WAITING);
        assertEquals(List.of("execution started"), events);
        release.countDown();
        execution.join(10_000);
        measurement.join(10_000);
        later.join(10_000);
        assertEquals(List.of("execution started", "execution finished", "measured", "later execution"), events);
        assertFalse(ExecutionLock.isHeldAlone());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(5);
        }
    }
}
