package org.segprune.osgi.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.graph.ChannelGraph;
import org.segprune.interop.onnx.OnnxExporter;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Pruner;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.runtime.InferenceRuntime;
import org.segprune.score.FilterScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.score.ScoringSettings;
import org.segprune.score.Scorers;
import org.segprune.train.TrainingResult;
import org.segprune.train.TrainingSettings;
import org.segprune.train.Trainer;
import org.segprune.util.Progress;

/**
 * The end-to-end run both integration tests execute, once on the plain class path and once inside
 * Equinox through the bundle class loaders: phantoms, a small U-Net (trained for one epoch), l1 and SE
 * scores, physical pruning, evaluation, save and reload (DL4J restores the engine's loss by class name),
 * ONNX export of the pruned model, a Keras .h5 import (jhdf inside the libs bundle), and a DeepLabV3+ save/reload (the engine's bilinear resize layer by class name).
 *
 * <p>Returns numbers (compared between the two runs), flags, and under keys starting with {@code class.}
 * the classes DL4J instantiated by name from saved configurations (the test checks which bundle
 * defined them). Only JDK types cross the bundle boundary.
 */
public final class Scenario implements Function<Path, Map<String, Object>> {

    static final int SIZE = 32;
    static final int IMAGES = 6;
    static final long SEED = 11;

    @Override
    public Map<String, Object> apply(Path work) {
        return run(work);
    }

    public static Map<String, Object> run(Path work) {
        long start = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        Dl4jRuntime.init();
        out.put("flag.helpersDisable", System.getProperty(Dl4jRuntime.HELPERS_DISABLE));

        SegmentationDataset data = PhantomGenerator.generate(work.resolve("phantoms"), PhantomGenerator.Kind.LUNG, IMAGES,
                SIZE, SEED, Progress.NONE);
        SegmentationDataset.Split split = data.split(0.34, SEED);
        out.put("data.images", data.size());
        long t = lap(out, "phantoms", start);

        SegmentationModel untrained = Architectures.build(new ModelSpec(ModelSpec.UNET, SIZE, 1, 2, 8, SEED));
        out.put("unet.untrained.output", checksum(forward(untrained.graph())));
        out.put("flag.oneDnnConvolution", Dl4jRuntime.convolutionHelperActive(untrained.graph()));
        t = lap(out, "build", t);

        TrainingResult trained = Trainer.train(untrained, split.train(), split.validation(),
                TrainingSettings.DEFAULTS.withEpochs(1).withBatchSize(2).withSeed(SEED), "trained", Progress.NONE);
        SegmentationModel base = trained.model();
        out.put("unet.trained.validationDice", trained.bestValidationDice());
        out.put("unet.trained.output", checksum(forward(base.graph())));
        t = lap(out, "train", t);
        report(out, "unet.base", Evaluator.evaluate(base, "base", data, 2, 1, Progress.NONE, null).report());
        t = lap(out, "evaluate", t);

        ScoreTable l1 = score("l1", base, null, ScoringSettings.DEFAULTS);
        out.put("score.l1.sum", sum(l1));
        out.put("score.l1.layers", l1.layers().size());
        t = lap(out, "scoreL1", t);
        ScoringSettings quick = new ScoringSettings(1, 1e-3, 2, 4, new int[] {1, 2}, 8, 1e-4, SEED);
        ScoreTable se = score("se", base, split.validation(), quick);
        out.put("score.se.sum", sum(se));
        out.put("score.se.layers", se.layers().size());
        t = lap(out, "scoreSE", t);

        Pruner.Result pruned = Pruner.prune(base, l1, PruneSettings.ratio(0.5, 1));
        out.put("prune.paramsBefore", pruned.plan().paramsBefore());
        out.put("prune.paramsAfter", pruned.plan().paramsAfter());
        out.put("unet.pruned.output", checksum(forward(pruned.model().graph())));
        t = lap(out, "prune", t);
        out.put("unet.pruned.meanDice", Evaluator.meanDice(pruned.model().graph(), pruned.model().info(), data,
                new SampleLoader(SIZE, 1), 2, Progress.NONE));
        t = lap(out, "evaluatePruned", t);

        Path prunedFile = work.resolve("pruned.zip");
        ModelIO.save(pruned.model(), prunedFile, false);
        SegmentationModel reloaded = ModelIO.load(prunedFile);
        out.put("unet.reloaded.output", checksum(forward(reloaded.graph())));
        out.put("flag.reloadedIdentical", forward(reloaded.graph()).equals(forward(pruned.model().graph())));
        out.put("unet.reloaded.params", reloaded.graph().numParams());
        out.put("class.unet.loss", loss(reloaded.graph().getConfiguration()).getClass());
        engineClasses(reloaded.graph(), "class.unet.", out);
        t = lap(out, "saveLoad", t);

        // ONNX export: the engine reaches nd4j-api's onnx protobuf classes through the libs bundle
        Path onnxFile = work.resolve("pruned.onnx");
        OnnxExporter.write(pruned.model(), onnxFile, OnnxExporter.Options.DEFAULTS, Progress.NONE);
        out.put("unet.onnx.bytes", size(onnxFile));
        t = lap(out, "onnxExport", t);

        // ONNX Runtime as the second runtime: its jar (embedded in the libs bundle) extracts and loads its own natives
        EvaluationReport inDl4j = Evaluator.evaluate(pruned.model(), "pruned", data, 2, 1, InferenceRuntime.DL4J, 1,
                Progress.NONE, null).report();
        EvaluationReport inOrt = Evaluator.evaluate(pruned.model(), "pruned", data, 2, 1, InferenceRuntime.ONNXRUNTIME, 1,
                Progress.NONE, null).report();
        report(out, "unet.pruned.onnxruntime", inOrt);
        out.put("unet.pruned.onnxruntime.runtime", inOrt.runtime());
        out.put("unet.pruned.onnxruntime.backend", inOrt.backend());
        out.put("flag.runtimesAgree", Math.abs(inDl4j.diceMean() - inOrt.diceMean()) <= 1e-4
                && Math.abs(inDl4j.dicePooled() - inOrt.dicePooled()) <= 1e-4);
        t = lap(out, "onnxRuntime", t);

        // Keras import: the engine reads the .h5 with jhdf, embedded in and exported by the libs bundle
        Path kerasFile = work.resolve("unet.h5");
        try (java.io.InputStream in = Scenario.class.getResourceAsStream("keras-unet.h5")) {
            // replaced: the work folder survives a build without clean
            Files.copy(in, kerasFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SegmentationModel keras = ModelIO.load(kerasFile);
        out.put("keras.output", checksum(forward(keras.graph())));
        out.put("keras.params", keras.graph().numParams());
        t = lap(out, "kerasImport", t);

        SegmentationModel deeplab = Architectures.build(new ModelSpec("deeplabv3plus", 32, 1, 3, 4, SEED));
        INDArray deeplabOut = forward(deeplab.graph(), 32);
        Path deeplabFile = work.resolve("deeplab.zip");
        ModelIO.save(deeplab, deeplabFile, false);
        SegmentationModel deeplabReloaded = ModelIO.load(deeplabFile);
        out.put("deeplab.output", checksum(deeplabOut));
        out.put("flag.deeplabReloadedIdentical", forward(deeplabReloaded.graph(), 32).equals(deeplabOut));
        engineClasses(deeplabReloaded.graph(), "class.deeplab.", out);
        lap(out, "deeplab", t);

        out.put("time.seconds", (System.nanoTime() - start) / 1e9);
        out.put("time.javacppCache", cacheDir());
        return out;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lap(Map<String, Object> out, String step, long since) {
        long now = System.nanoTime();
        out.put("time." + step, Math.round((now - since) / 1e7) / 100.0);
        return now;
    }

    private static ScoreTable score(String method, SegmentationModel model, SegmentationDataset data,
            ScoringSettings settings) {
        FilterScorer scorer = Scorers.byName(method);
        return scorer.score(new ScoringRequest(model, ChannelGraph.of(model), data, settings, Progress.NONE));
    }

    private static double sum(ScoreTable table) {
        double total = 0;
        for (String layer : table.layers()) {
            for (double value : table.scores(layer)) {
                total += value;
            }
        }
        return total;
    }

    /** A fixed input (seeded) through the network, inference mode. */
    private static INDArray forward(ComputationGraph graph) {
        return forward(graph, SIZE);
    }

    private static INDArray forward(ComputationGraph graph, int size) {
        Nd4j.getRandom().setSeed(SEED);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 1, size, size);
        return graph.outputSingle(false, input);
    }

    private static double checksum(INDArray array) {
        return array.castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    private static void report(Map<String, Object> out, String prefix, EvaluationReport report) {
        out.put(prefix + ".diceMean", report.diceMean());
        out.put(prefix + ".dicePooled", report.dicePooled());
        out.put(prefix + ".iouPooled", report.iouPooled());
        out.put(prefix + ".accuracyPooled", report.accuracyPooled());
        out.put(prefix + ".params", report.params());
        out.put(prefix + ".macs", report.macs());
    }

    private static Object loss(ComputationGraphConfiguration configuration) {
        for (GraphVertex vertex : configuration.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex) {
                Layer layer = layerVertex.getLayerConf().getLayer();
                if (layer instanceof CnnLossLayer cnnLoss) {
                    return cnnLoss.getLossFn();
                }
                if (layer instanceof LossLayer lossLayer) {
                    return lossLayer.getLossFn();
                }
                if (layer instanceof BaseOutputLayer outputLayer) {
                    return outputLayer.getLossFn();
                }
            }
        }
        throw new IllegalStateException("no loss layer in the configuration");
    }

    /** Every engine class DL4J instantiated from the configuration JSON (layers, vertices, losses) and their runtime layers. */
    private static void engineClasses(ComputationGraph graph, String prefix, Map<String, Object> out) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            classes.add(layer.getClass());
        }
        for (GraphVertex vertex : graph.getConfiguration().getVertices().values()) {
            classes.add(vertex.getClass());
            if (vertex instanceof LayerVertex layerVertex) {
                Layer layer = layerVertex.getLayerConf().getLayer();
                classes.add(layer.getClass());
                if (layer instanceof CnnLossLayer cnnLoss) {
                    classes.add(cnnLoss.getLossFn().getClass());
                }
            }
        }
        for (Class<?> type : classes) {
            if (type.getName().startsWith("org.segprune.")) {
                out.put(prefix + type.getSimpleName(), type);
            }
        }
    }

    private static String cacheDir() {
        try {
            Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader", false, Nd4j.class.getClassLoader());
            Object dir = loader.getMethod("getCacheDir").invoke(null);
            return String.valueOf(dir);
        } catch (ReflectiveOperationException e) {
            return "unknown: " + e;
        }
    }

    /** For a manual run: {@code java -cp ... org.segprune.osgi.probe.Scenario DIR}. */
    public static void main(String[] args) throws IOException {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "scenario-out"));
        run(work).forEach((key, value) -> System.out.println(key + " = " + value));
    }
}
