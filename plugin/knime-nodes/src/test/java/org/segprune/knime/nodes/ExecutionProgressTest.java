package org.segprune.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.node.ExecutionMonitor;
import org.segprune.util.Progress;

class ExecutionProgressTest {

    @Test
    void warningsFromAnyViewOfTheProgressAreKeptForTheNodesWarningMessage() {
        ExecutionProgress progress = new ExecutionProgress(new ExecutionMonitor());
        Progress step = progress.sub(0.5, 1);
        step.warn("fine-tuning model predicts no foreground");
        step.silent().warn("images resized");
        assertEquals(List.of("fine-tuning model predicts no foreground", "images resized"), progress.warnings());
    }
}
