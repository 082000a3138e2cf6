package org.segprune.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.segprune.data.ImageFiles;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.Sample;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.Evaluator;
import org.segprune.evaluate.ModelDescription;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.Architectures;
import org.segprune.model.ModelFiles;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Pruner;
import org.segprune.report.Reports;
import org.segprune.score.FilterScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringRequest;
import org.segprune.score.ScoringSettings;
import org.segprune.train.TrainingResult;
import org.segprune.train.TrainingSettings;
import org.segprune.train.Trainer;
import org.segprune.util.Json;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * The subcommands. Each reads and checks all its options first, then its input files, and only then
 * starts work; every output is written atomically.
 */
final class Commands {

    static final Set<String> FLAGS = Set.of("no-flip", "with-optimizer");

    static final int FINETUNE_EPOCHS = 10;

    private final PrintStream out;
    private final PrintStream err;

    Commands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    private Progress progress(String step) {
        return new ConsoleProgress(err, step);
    }

    private static TrainingSettings trainingSettings(Args args, int defaultEpochs) {
        TrainingSettings d = TrainingSettings.DEFAULTS;
        return new TrainingSettings(args.integer("epochs", defaultEpochs), args.integer("batch", d.batchSize()),
                args.number("lr", d.learningRate()), TrainingSettings.Schedule.parse(args.string("schedule", "cosine")),
                !args.flag("no-flip"), args.integer("patience", d.patience()), args.longValue("seed", d.seed()));
    }

    private static SegmentationDataset.Split split(SegmentationDataset data, double validationFraction, long seed) {
        return data.split(validationFraction, seed);
    }

    void train(Args args) {
        Path dataDir = args.path("data");
        String architecture = args.required("arch");
        int size = args.integer("size", 256);
        int base = args.integer("base", 64);
        int depth = args.integer("depth", 4);
        int channels = args.integer("channels", 0);
        TrainingSettings settings = trainingSettings(args, TrainingSettings.DEFAULTS.epochs());
        double validationFraction = args.number("val-fraction", 0.2);
        Path output = args.path("out");
        Path curve = args.path("curve", null);
        boolean withOptimizer = args.flag("with-optimizer");
        args.rejectUnknown();
        new ModelSpec(architecture, size, channels == 0 ? 1 : channels, depth, base, settings.seed());
        SegmentationDataset data = SegmentationDataset.open(dataDir, progress("check data"));
        int inputChannels = channels != 0 ? channels : ImageFiles.channelsOf(ImageFiles.read(data.samples().get(0).image()));
        ModelSpec spec = new ModelSpec(architecture, size, inputChannels, depth, base, settings.seed());
        SegmentationDataset.Split parts = split(data, validationFraction, settings.seed());
        SegmentationModel model = Architectures.build(spec);
        TrainingResult result = Trainer.train(model, parts.train(), parts.validation(), settings, "trained", progress("train"));
        ModelIO.save(result.model(), output, withOptimizer);
        if (curve != null) {
            Reports.writeCurve(curve, result.curve());
        }
        out.printf(Locale.ROOT, "trained %s (%d params) on %d images: best epoch %d, validation dice %.4f, %.3f s/img -> %s%n",
                architecture, result.model().graph().numParams(), parts.train().size(), result.bestEpoch(),
                result.bestValidationDice(), result.secondsPerImage(), output);
    }

    void score(Args args) {
        Path modelFile = args.path("model");
        FilterScorer scorer = Scorers.byName(args.required("method"));
        Path dataDir = args.path("data", null);
        Path output = args.path("out");
        ScoringSettings d = ScoringSettings.DEFAULTS;
        ScoringSettings settings = new ScoringSettings(args.integer("epochs", d.epochs()), args.number("lr", d.learningRate()),
                args.integer("batch", d.batchSize()), args.integer("reduction", d.reduction()),
                ScoringSettings.parseGrids(args.string("saca-grids", d.sacaGridsText()), "--saca-grids"),
                args.integer("sbca-pool", d.sbcaPool()), args.number("gate-sparsity", d.gateSparsity()),
                args.longValue("seed", d.seed()));
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        if (scorer.needsData() && dataDir == null) {
            throw new SegPruneException("method '" + scorer.name() + "' needs images: give --data DIR");
        }
        SegmentationModel model = modelOptions.load(modelFile);
        SegmentationDataset data = dataDir == null ? null : SegmentationDataset.open(dataDir, progress("check data"));
        ChannelGraph graph = prunableGraph(model, modelFile);
        ScoreTable scores = scorer.score(new ScoringRequest(model, graph, data, settings, progress("score " + scorer.name())));
        scores.writeCsv(output);
        out.printf(Locale.ROOT, "scored %d filters of %d layers with %s -> %s%n", scores.rows().size(), scores.layers().size(),
                scorer.name(), output);
    }

    private static ChannelGraph prunableGraph(SegmentationModel model, Path modelFile) {
        ChannelGraph graph = ChannelGraph.of(model);
        if (graph.prunableLayers().isEmpty()) {
            throw new SegPruneException("model '" + modelFile + "' has no prunable layers");
        }
        return graph;
    }

    void info(Args args) {
        Path modelFile = args.path("model");
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        SegmentationModel model = modelOptions.load(modelFile);
        out.println(Json.toString(ModelDescription.of(model, ModelFiles.detect(modelFile).id())));
    }

    void prune(Args args) {
        Path modelFile = args.path("model");
        Path scoresFile = args.path("scores");
        boolean ratio = args.has("ratio");
        boolean budget = args.has("keep-params");
        if (ratio == budget) {
            throw new SegPruneException("give exactly one of --ratio P or --keep-params F");
        }
        int minChannels = args.integer("min-channels", PruneSettings.DEFAULT_MIN_CHANNELS);
        PruneSettings settings = (ratio ? PruneSettings.ratio(args.number("ratio", 0), minChannels)
                : PruneSettings.keepParams(args.number("keep-params", 0), minChannels))
                .withScoreScale(PruneSettings.ScoreScale.byId(args.string("score-scale", PruneSettings.ScoreScale.AUTO.id())));
        Path output = args.path("out");
        Path planFile = args.path("plan", null);
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        SegmentationModel model = modelOptions.load(modelFile);
        prunableGraph(model, modelFile);
        ScoreTable scores = ScoreTable.readCsv(scoresFile);
        long start = System.nanoTime();
        Pruner.Result result = Pruner.prune(model, scores, settings);
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelIO.save(result.model(), output, false);
        if (planFile != null) {
            Json.write(planFile, result.plan());
        }
        out.printf(Locale.ROOT, "pruned %d -> %d params (%.2f%%) in %.2f s -> %s%n", result.plan().paramsBefore(),
                result.plan().paramsAfter(), 100 * result.plan().paramsFraction(), seconds, output);
    }

    void finetune(Args args) {
        Path modelFile = args.path("model");
        Path dataDir = args.path("data");
        TrainingSettings settings = trainingSettings(args, FINETUNE_EPOCHS);
        double validationFraction = args.number("val-fraction", 0.2);
        Path output = args.path("out");
        Path curve = args.path("curve", null);
        boolean withOptimizer = args.flag("with-optimizer");
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        SegmentationModel model = modelOptions.load(modelFile);
        SegmentationDataset data = SegmentationDataset.open(dataDir, progress("check data"));
        SegmentationDataset.Split parts = split(data, validationFraction, settings.seed());
        TrainingResult result = Trainer.train(model, parts.train(), parts.validation(), settings, "fine-tuned",
                progress("fine-tune"));
        ModelIO.save(result.model(), output, withOptimizer);
        if (curve != null) {
            Reports.writeCurve(curve, result.curve());
        }
        out.printf(Locale.ROOT, "fine-tuned %d epoch(s): best epoch %d, validation dice %.4f -> %s%n", result.curve().size(),
                result.bestEpoch(), result.bestValidationDice(), output);
    }

    void evaluate(Args args) {
        Path modelFile = args.path("model");
        Path dataDir = args.path("data");
        Path output = args.path("out");
        Path perImage = args.path("per-image", null);
        int batch = args.integer("batch", 8);
        int latencyRuns = args.integer("latency-runs", 20);
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        if (batch < 1) {
            throw new SegPruneException("--batch must be at least 1, got " + batch);
        }
        SegmentationModel model = modelOptions.load(modelFile);
        SegmentationDataset data = SegmentationDataset.open(dataDir, progress("check data"));
        Evaluator.Result result = Evaluator.evaluate(model, modelFile.getFileName().toString(), data, batch, latencyRuns,
                progress("evaluate"), null);
        Json.write(output, result.report());
        if (perImage != null) {
            Reports.writePerImage(perImage, result.images());
        }
        out.printf(Locale.ROOT, "dice %.4f +- %.4f (pooled %.4f) on %d images; %d params, %.3f GFLOPs, %.1f ms -> %s%n",
                result.report().diceMean(), result.report().diceSd(), result.report().dicePooled(), result.report().images(),
                result.report().params(), result.report().gflops(), result.report().latencyMs(), output);
    }

    void split(Args args) {
        Path dataDir = args.path("data");
        double testFraction = args.number("test-fraction", 0.2);
        long seed = args.longValue("seed", 42);
        Path output = args.path("out");
        args.rejectUnknown();
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new SegPruneException("--test-fraction " + testFraction + " is outside (0, 1)");
        }
        SegmentationDataset data = SegmentationDataset.open(dataDir, progress("check data"));
        SegmentationDataset.Split parts = data.split(testFraction, seed);
        if (parts.validation() == null) {
            throw new SegPruneException("cannot split '" + dataDir + "': " + data.size() + " image(s) leave no test part");
        }
        link(parts.train().samples(), output.resolve("train"));
        link(parts.validation().samples(), output.resolve("test"));
        out.printf(Locale.ROOT, "split %d pairs: %d train, %d test -> %s%n", data.size(), parts.train().size(),
                parts.validation().size(), output);
    }

    /** Symbolic links (copies where links are not allowed) so that licensed data is never duplicated. */
    private static void link(List<Sample> samples, Path dir) {
        try {
            Files.createDirectories(dir.resolve("images"));
            Files.createDirectories(dir.resolve("masks"));
            for (Sample sample : samples) {
                linkOrCopy(sample.image(), dir.resolve("images").resolve(sample.image().getFileName()));
                linkOrCopy(sample.mask(), dir.resolve("masks").resolve(sample.mask().getFileName()));
            }
        } catch (IOException e) {
            throw new SegPruneException("cannot write split folder '" + dir + "': " + e.getMessage(), e);
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        Files.deleteIfExists(target);
        try {
            Files.createSymbolicLink(target, source.toAbsolutePath());
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target);
        }
    }

    void phantoms(Args args) {
        PhantomGenerator.Kind kind = PhantomGenerator.Kind.parse(args.string("kind", "lung"));
        int count = args.integer("count", 40);
        int size = args.integer("size", 128);
        long seed = args.longValue("seed", 42);
        Path output = args.path("out");
        args.rejectUnknown();
        PhantomGenerator.generate(output, kind, count, size, seed, progress("phantoms"));
        out.printf(Locale.ROOT, "wrote %d %s phantoms of %dx%d -> %s%n", count, kind.name().toLowerCase(Locale.ROOT), size, size,
                output);
    }

    void demo(Args args) {
        Path output = args.path("out", Path.of("demo-out"));
        args.rejectUnknown();
        new Demo(out, err).run(output);
    }
}
