package org.segprune.runtime;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One JVM-wide read/write lock over SegPrune's work, so that a latency measurement runs while nothing else of
 * SegPrune's computes (KNIME runs independent branches at the same time; so does {@code segprune run --parallel}).
 * Every step execution holds it shared; a measurement takes it alone, waiting for the running executions to finish
 * and keeping new ones waiting (the lock is fair: a waiting measurement goes before executions that come later).
 */
public final class ExecutionLock {

    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock(true);

    /** A shared hold, released by {@link #close()}. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    private ExecutionLock() {
    }

    /** Holds the lock shared (any number of executions at once) until the hold is closed. */
    public static Hold shared() {
        LOCK.readLock().lock();
        return LOCK.readLock()::unlock;
    }

    /**
     * Runs {@code action} while no other SegPrune execution runs. The calling thread's own shared holds (the
     * execution that measures) are given up while it waits and taken again afterwards.
     */
    public static <T> T alone(Supplier<T> action) {
        int holds = LOCK.getReadHoldCount();
        for (int i = 0; i < holds; i++) {
            LOCK.readLock().unlock();
        }
        LOCK.writeLock().lock();
        try {
            return action.get();
        } finally {
            LOCK.writeLock().unlock();
            for (int i = 0; i < holds; i++) {
                LOCK.readLock().lock();
            }
        }
    }

    /** Whether some thread runs alone right now (for tests). */
    public static boolean isHeldAlone() {
        return LOCK.isWriteLocked();
    }
}
