package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.table.NodeTable;
import org.segprune.util.Progress;

/**
 * Two executions on one model object at the same time (KNIME's parallel branches on one model port) give exactly
 * what they give one after the other: every execution works on its own copy of the network.
 */
class ConcurrentExecutionTest {

    @TempDir
    static Path dir;

    static NodeTable images;
    static SegmentationModel model;

    @BeforeAll
    static void data() {
        PhantomGenerator.generate(dir.resolve("p"), PhantomGenerator.Kind.LUNG, 8, 32, 11, Progress.NONE);
        images = DataReaderStep.run(DataReaderSettings.from(Map.of("images_folder", "p/images", "masks_folder", "p/masks")),
                dir, Progress.NONE);
        model = Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 5));
    }

    private static Step.Result evaluate() {
        return Steps.EVALUATOR.execute(Map.of("batch_size", "2", "overlays", "true"), Arrays.asList(model, images, null),
                new Step.Context(null, Progress.NONE));
    }

    private static Step.Result predict() {
        return Steps.PREDICTOR.execute(Map.of("batch_size", "3"), List.of(model, images), new Step.Context(null, Progress.NONE));
    }

    /** Runs both calls at the same moment on two threads. */
    private static List<Step.Result> together(Callable<Step.Result> a, Callable<Step.Result> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Step.Result> first = pool.submit(() -> {
                start.await();
                return a.call();
            });
            Future<Step.Result> second = pool.submit(() -> {
                start.await();
                return b.call();
            });
            return List.of(first.get(), second.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoEvaluatorsAndAPredictorOnOneModelAtOnceGiveTheSequentialResults() throws Exception {
        NodeTable perImage = (NodeTable) evaluate().outputs().get(1);
        NodeTable predicted = (NodeTable) predict().outputs().get(0);
        float[] weights = model.graph().params().toFloatVector();
        for (int round = 0; round < 3; round++) {
            List<Step.Result> evaluations = together(ConcurrentExecutionTest::evaluate, ConcurrentExecutionTest::evaluate);
            for (Step.Result result : evaluations) {
                assertTables(perImage, (NodeTable) result.outputs().get(1));
            }
            List<Step.Result> mixed = together(ConcurrentExecutionTest::evaluate, ConcurrentExecutionTest::predict);
            assertTables(perImage, (NodeTable) mixed.get(0).outputs().get(1));
            assertTables(predicted, (NodeTable) mixed.get(1).outputs().get(0));
        }
        assertArrayEquals(weights, model.graph().params().toFloatVector(), "the shared model is never changed");
    }

    private static void assertTables(NodeTable expected, NodeTable actual) {
        assertEquals(expected.schema(), actual.schema());
        assertEquals(expected.size(), actual.size());
        for (int r = 0; r < expected.size(); r++) {
            List<Object> want = expected.rows().get(r).cells();
            List<Object> got = actual.rows().get(r).cells();
            for (int c = 0; c < want.size(); c++) {
                if (want.get(c) instanceof byte[] bytes) {
                    assertArrayEquals(bytes, (byte[]) got.get(c), "row " + r + " column " + c);
                } else {
                    assertEquals(want.get(c), got.get(c), "row " + r + " column " + c);
                }
            }
        }
    }

    @Test
    void aStepWorksOnACopyAndAModelPassedThroughComesBackAsTheCallersObject() {
        Step<Object> passThrough = new Step<>(Steps.MODEL_WRITER.about(), new SettingsSchema("Pass", List.of()),
                List.of(Port.model("in", "")), List.of(Port.model("out", ""))) {
            @Override
            public Object settings(Map<String, String> raw) {
                return raw;
            }

            @Override
            public List<Object> configure(Object settings, List<Object> inSpecs) {
                return inSpecs;
            }

            @Override
            public Result execute(Object settings, List<Object> inputs, Context context) {
                assertNotSame(model, inputs.get(0));
                assertNotSame(model.graph(), ((SegmentationModel) inputs.get(0)).graph());
                return new Result(List.of(inputs.get(0)), "");
            }
        };
        assertSame(model, passThrough.execute(Map.of(), List.of(model), new Step.Context(null, Progress.NONE)).outputs().get(0));
    }
}
