package org.segprune.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.testutil.CliRun;
import org.segprune.data.PhantomGenerator;
import org.segprune.model.SegmentationModel;
import org.segprune.step.PredictorStep;
import org.segprune.table.NodeTable;
import org.segprune.util.Progress;

/**
 * {@code segprune run --parallel N}: the branches after the trained model run at the same time, and every output
 * equals the one-at-a-time run's.
 */
class ParallelRunTest {

    static final Path WORKFLOW = TestWorkflowsRunTest.WORKFLOWS.resolve("train-evaluate-predict-write-unet");

    @TempDir
    static Path dir;

    static Path phantoms;

    @BeforeAll
    static void phantoms() {
        phantoms = dir.resolve("phantoms");
        PhantomGenerator.generate(phantoms, PhantomGenerator.Kind.LUNG, 12, 32, 4, Progress.NONE);
    }

    private static WorkflowRunner runner(String writtenFile) {
        return new WorkflowRunner(WorkflowDefinition.load(WORKFLOW), Overrides.parse(List.of(
                "1.images_folder=" + phantoms.resolve("images"), "1.masks_folder=" + phantoms.resolve("masks"),
                "Fine-Tuner.epochs=1", "Segmentation Model Reader.input_size=32", "Segmentation Model Writer.file=" + writtenFile)));
    }

    /** Lets no node of the two branches go on until both have started: a one-at-a-time run would wait forever. */
    private static final class BothBranchesStart implements WorkflowRunner.Listener {
        private final CountDownLatch started = new CountDownLatch(2);
        private volatile boolean overlapped;

        @Override
        public Progress started(WorkflowDefinition.NodeEntry node) {
            if (node.id() == 4 || node.id() == 5) {
                started.countDown();
                try {
                    overlapped = started.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Progress.NONE;
        }

        @Override
        public void finished(WorkflowDefinition.NodeEntry node, String summary, double seconds) {
        }
    }

    @Test
    void independentBranchesRunAtTheSameTimeAndGiveTheSequentialResults() {
        WorkflowRunner.Result sequential = runner(dir.resolve("one.onnx").toString()).run(WorkflowRunner.SILENT);
        BothBranchesStart listener = new BothBranchesStart();
        WorkflowRunner.Result parallel = runner(dir.resolve("two.onnx").toString()).run(listener, 3);
        assertTrue(listener.overlapped, "the evaluator and the writer ran at the same time");
        assertEquals(sequential.order(), parallel.order());
        assertEquals(sequential.outputs().keySet().stream().toList(), parallel.outputs().keySet().stream().toList());
        SegmentationModel first = (SegmentationModel) sequential.output(3, 0);
        SegmentationModel second = (SegmentationModel) parallel.output(3, 0);
        assertArrayEquals(first.graph().params().toFloatVector(), second.graph().params().toFloatVector());
        NodeTable perImageOne = (NodeTable) sequential.output(4, 1);
        NodeTable perImageTwo = (NodeTable) parallel.output(4, 1);
        assertEquals(perImageOne.size(), perImageTwo.size());
        for (int r = 0; r < perImageOne.size(); r++) {
            List<Object> a = perImageOne.rows().get(r).cells();
            List<Object> b = perImageTwo.rows().get(r).cells();
            for (int c = 0; c < a.size(); c++) {
                if (a.get(c) instanceof byte[] bytes) {
                    assertArrayEquals(bytes, (byte[]) b.get(c));
                } else {
                    assertEquals(a.get(c), b.get(c), "row " + r + " column " + c);
                }
            }
        }
        assertEquals(sequential.summaries().get(5).replace("one.onnx", "two.onnx"), parallel.summaries().get(5));
        NodeTable predictedOne = (NodeTable) sequential.output(6, 0);
        NodeTable predictedTwo = (NodeTable) parallel.output(6, 0);
        assertEquals(predictedOne.column(PredictorStep.FOREGROUND), predictedTwo.column(PredictorStep.FOREGROUND));
    }

    @Test
    void theCommandLineTakesParallelAndRejectsLessThanOne() {
        CliRun result = CliRun.of("run", WORKFLOW.toString(), "--check", "--parallel", "0");
        assertEquals(2, result.code());
        assertEquals("segprune: error: --parallel must be at least 1, got 0", result.err().strip());
        CliRun ok = CliRun.of("run", WORKFLOW.toString(), "--parallel", "2",
                "--set", "1.images_folder=" + phantoms.resolve("images"), "--set", "1.masks_folder=" + phantoms.resolve("masks"),
                "--set", "Fine-Tuner.epochs=1", "--set", "Segmentation Model Reader.input_size=32",
                "--set", "Segmentation Model Writer.file=" + dir.resolve("cli.onnx"));
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("workflow 'train-evaluate-predict-write-unet': 6 nodes"), ok.out());
    }
}
