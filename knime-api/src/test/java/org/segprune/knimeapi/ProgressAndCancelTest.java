package org.segprune.knimeapi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.segprune.knimetest.TestExecutionContexts;

/** Progress reporting, sub progress scaling and cancellation. */
class ProgressAndCancelTest {

    private static final double EPS = 1e-12;

    @Test
    void progressVariantsRecordFractionAndMessage() {
        ExecutionContext exec = TestExecutionContexts.create();
        assertNull(TestExecutionContexts.progress(exec));
        exec.setProgress(0.25);
        assertEquals(0.25, TestExecutionContexts.progress(exec));
        exec.setProgress(0.5, "scoring layer 3");
        assertEquals("scoring layer 3", TestExecutionContexts.message(exec));
        exec.setProgress(0.75, () -> "lazy " + 42);
        assertEquals(0.75, TestExecutionContexts.progress(exec));
        assertEquals("lazy 42", TestExecutionContexts.message(exec));
        exec.setMessage("only message");
        exec.setProgress(1.5); // out of range: ignored, as in KNIME
        assertEquals(0.75, TestExecutionContexts.progress(exec));
        assertEquals("only message", TestExecutionContexts.message(exec));
        exec.setProgress("via setProgress(String)");
        assertEquals("via setProgress(String)", TestExecutionContexts.message(exec));
        assertThrows(IllegalArgumentException.class,
            () -> exec.setProgress(0.1, (java.util.function.Supplier<String>)null));
    }

    @Test
    void subProgressIsScaledIntoTheParent() {
        ExecutionContext exec = TestExecutionContexts.create();
        exec.setProgress(0.0, "pruning");
        ExecutionMonitor first = exec.createSubProgress(0.5);
        ExecutionContext second = exec.createSubExecutionContext(0.5);
        first.setProgress(0.5, "half of first");
        assertEquals(0.25, TestExecutionContexts.progress(exec), EPS);
        assertEquals("pruning - half of first", TestExecutionContexts.fullMessage(exec));
        assertEquals("pruning", TestExecutionContexts.message(exec));
        first.setProgress(1.0);
        ExecutionMonitor nested = second.createSubProgress(0.5);
        nested.setProgress(1.0, "nested done");
        assertEquals(0.75, TestExecutionContexts.progress(exec), EPS);
        assertEquals(1.0, TestExecutionContexts.progress(nested), EPS);
        assertEquals("pruning - nested done", TestExecutionContexts.fullMessage(exec));
        second.setProgress(1.0);
        assertEquals(1.0, TestExecutionContexts.progress(exec), EPS);
        assertThrows(IllegalArgumentException.class, () -> exec.createSubProgress(1.5));
    }

    @Test
    void silentSubProgressReportsProgressButNoMessage() {
        ExecutionContext exec = TestExecutionContexts.create();
        exec.setMessage("main");
        ExecutionContext silent = exec.createSilentSubExecutionContext(0.2);
        silent.setProgress(1.0, "hidden");
        assertEquals(0.2, TestExecutionContexts.progress(exec), EPS);
        assertEquals("main", TestExecutionContexts.fullMessage(exec));
    }

    @Test
    void cancelReachesSubMonitorsAndContexts() throws Exception {
        ExecutionContext exec = TestExecutionContexts.create();
        ExecutionMonitor sub = exec.createSubProgress(0.5);
        ExecutionContext subCtx = exec.createSubExecutionContext(0.5).createSubExecutionContext(0.5);
        assertDoesNotThrow(exec::checkCanceled);
        TestExecutionContexts.cancel(exec);
        assertThrows(CanceledExecutionException.class, exec::checkCanceled);
        assertThrows(CanceledExecutionException.class, sub::checkCanceled);
        assertThrows(CanceledExecutionException.class, subCtx::checkCanceled);
        assertThrows(IllegalStateException.class, () -> TestExecutionContexts.cancel(sub),
            "cancel is requested on the root, as in KNIME");
    }

    @Test
    void plainExecutionMonitorWorksWithoutHelpers() {
        ExecutionMonitor mon = new ExecutionMonitor();
        mon.setProgress(0.4, "x");
        assertEquals(0.4, mon.getProgressMonitor().getProgress());
        mon.getProgressMonitor().setExecuteCanceled();
        assertThrows(CanceledExecutionException.class, mon::checkCanceled);
        mon.getProgressMonitor().reset();
        assertDoesNotThrow(mon::checkCanceled);
        assertNull(mon.getProgressMonitor().getProgress());
    }
}
