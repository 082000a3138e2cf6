package org.segprune.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.data.DatasetNormalization;
import org.segprune.data.ImageFiles;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.evaluate.ImageMetrics;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Pruner;
import org.segprune.score.FilterScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringRequest;
import org.segprune.score.attention.AttentionScorer;
import org.segprune.score.attention.SbcaReport;
import org.segprune.step.EvaluatorSettings;
import org.segprune.train.TrainingResult;
import org.segprune.train.Trainer;
import org.segprune.util.Json;
import org.segprune.util.Progress;

/**
 * The paper's comparison: per seed one base model, then for every method and global budget score,
 * prune, fine-tune and evaluate on held-out images. Same base, same seed and same fine-tuning for every
 * method of a seed, so the rows differ only by the scores. The test and validation split is the same
 * for every seed ({@code settings.training().seed()}), so that per-image results pair across methods
 * and seeds; each seed of {@code settings.seeds()} sets the base model's initial weights, the batch
 * order, the attention modules and the fine-tuning.
 *
 * <p>Every finished row goes to the run folder at once ({@link RunLog}); a second run on the same folder
 * skips what is done, so a long comparison can be killed at any moment and resumed.
 */
public final class Comparison {

    /** The run folder's sub-folder of PNG figures. */
    public static final String PLOTS = Results.PLOTS;

    /** Per seed folder: SBCA's per-layer rank correlation with SE and its learned beta, when both are compared. */
    public static final String SBCA_REPORT = "sbca-vs-se.json";
    private static final String SBCA = "sbca";
    private static final String SE = "se";

    /** The Segmentation Evaluator's default batch size and latency runs, for every model of the table. */
    private static final EvaluatorSettings EVALUATION = EvaluatorSettings.from(Map.of());

    private Comparison() {
    }

    /**
     * @param model the base model of every seed, or null to train one per seed on the training part
     * @param test held-out images, or null to split {@code settings.testFraction()} off {@code data}
     * @param runFolder where the finished rows and each seed's base model are kept (created if missing); the
     *     plots are written into it
     */
    public static CompareResult run(SegmentationDataset data, SegmentationDataset test, SegmentationModel model,
            CompareSettings settings, Path runFolder, Progress progress) {
        SegmentationDataset trainPart = data;
        SegmentationDataset testPart = test;
        long splitSeed = settings.training().seed();
        if (testPart == null) {
            SegmentationDataset.Split split = data.split(settings.testFraction(), splitSeed);
            trainPart = split.train();
            testPart = split.validation();
        }
        SegmentationDataset.Split fit = trainPart.split(settings.validationFraction(), splitSeed);
        RunLog log = RunLog.open(runFolder, fingerprint(settings, data, test, model));
        // a given model normalised by "its data set" gets the training part's statistics, for every row alike
        SegmentationModel given = model == null ? null : DatasetNormalization.resolve(model, fit.train(), progress.silent());
        int perSeed = 2 + settings.methods().size() * (1 + 2 * settings.budgets().size());
        Progress[] slices = new Progress[settings.seeds().size()];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = progress.sub(i / (double) slices.length, (i + 1) / (double) slices.length);
        }
        for (int i = 0; i < settings.seeds().size(); i++) {
            long seed = settings.seeds().get(i);
            new Seeded(settings, seed, fit, testPart, log, runFolder, slices[i], perSeed).all(given, channels(trainPart));
        }
        Results.writeFigures(settings, log, runFolder);
        return Results.of(settings, data, test, fit.train().size(), testPart.size(), log);
    }

    /** What the rows depend on besides the seeds: resuming with anything else changed would mix set-ups. */
    private static ObjectNode fingerprint(CompareSettings settings, SegmentationDataset data, SegmentationDataset test,
            SegmentationModel model) {
        ObjectNode node = Json.MAPPER.valueToTree(settings);
        node.remove("seeds");
        // by name and size, not by path: a run folder from the repository resumes on another machine
        node.put("data", describe(data));
        node.put("test", test == null ? null : describe(test));
        node.put("given_model", model == null ? null : model.info().architecture() + ", input " + model.info().inputSize()
                + ", " + model.graph().numParams() + " parameters");
        return node;
    }

    private static String describe(SegmentationDataset data) {
        return data.root().toAbsolutePath().normalize().getFileName() + " (" + data.size() + " images)";
    }

    private static int channels(SegmentationDataset data) {
        return ImageFiles.channelsOf(ImageFiles.read(data.samples().get(0).image()));
    }

    /** One seed's part of the comparison. */
    private static final class Seeded {
        private final CompareSettings settings;
        private final long seed;
        private final SegmentationDataset.Split fit;
        private final SegmentationDataset testPart;
        private final RunLog log;
        private final Path baseFile;
        private final Path sbcaReportFile;
        private final Map<String, ScoreTable> scored = new HashMap<>();
        private Map<String, Double> sbcaBeta = Map.of();
        private final Progress progress;
        private final int steps;
        private int step;

        Seeded(CompareSettings settings, long seed, SegmentationDataset.Split fit, SegmentationDataset testPart, RunLog log,
                Path runFolder, Progress progress, int steps) {
            this.settings = settings;
            this.seed = seed;
            this.fit = fit;
            this.testPart = testPart;
            this.log = log;
            this.baseFile = runFolder.resolve("seed-" + seed).resolve("base.zip");
            this.sbcaReportFile = runFolder.resolve("seed-" + seed).resolve(SBCA_REPORT);
            this.progress = progress;
            this.steps = steps;
        }

        /**
         * Runs what the log does not hold yet. A finished seed needs no base model: a run folder resumed from
         * the repository (rows, no models) would otherwise train every finished seed's base again.
         */
        void all(SegmentationModel given, int channels) {
            if (finished()) {
                return;
            }
            SegmentationModel base = base(given, channels);
            long baseParams = log.base(seed).report().params();
            ChannelGraph graph = null;
            for (String method : settings.methods()) {
                List<Double> missing = settings.budgets().stream()
                        .filter(budget -> !log.has(RunLog.rowKey(seed, method, budget))).toList();
                if (missing.isEmpty()) {
                    step += 1 + 2 * settings.budgets().size();
                    continue;
                }
                graph = graph == null ? ChannelGraph.of(base) : graph;
                long scoreStart = System.nanoTime();
                ScoreTable scores = score(base, graph, method, next());
                double scoreSeconds = (System.nanoTime() - scoreStart) / 1e9;
                for (double budget : settings.budgets()) {
                    if (!missing.contains(budget)) {
                        step += 2;
                        continue;
                    }
                    row(base, baseParams, method, budget, scores, scoreSeconds);
                }
            }
            sbcaReport(base, graph);
        }

        private boolean finished() {
            return log.has(RunLog.baseKey(seed)) && !sbcaReportMissing() && settings.methods().stream()
                    .allMatch(method -> settings.budgets().stream().allMatch(budget -> log.has(RunLog.rowKey(seed, method, budget))));
        }

        private boolean sbcaReportMissing() {
            return settings.methods().contains(SBCA) && settings.methods().contains(SE) && !Files.exists(sbcaReportFile);
        }

        private ScoreTable score(SegmentationModel base, ChannelGraph graph, String method, Progress progress) {
            ScoringRequest request = new ScoringRequest(base, graph, fit.train(), settings.scoring().withSeed(seed), progress);
            FilterScorer scorer = Scorers.byName(method);
            if (scorer instanceof AttentionScorer attention && method.equals(SBCA)) {
                AttentionScorer.Learned learned = attention.scoreAndLearn(request);
                sbcaBeta = learned.sbcaBeta();
                scored.put(method, learned.scores());
                return learned.scores();
            }
            ScoreTable scores = scorer.score(request);
            scored.put(method, scores);
            return scores;
        }

        /**
         * Whether SBCA ranked the filters as SE did (issue: with beta starting at 0 it always had): when
         * both are compared, their per-layer rank correlation and how far beta moved, once per seed.
         */
        private void sbcaReport(SegmentationModel base, ChannelGraph graph) {
            if (!sbcaReportMissing()) {
                return;
            }
            ChannelGraph channels = graph == null ? ChannelGraph.of(base) : graph;
            for (String method : List.of(SBCA, SE)) {
                if (!scored.containsKey(method)) {
                    score(base, channels, method, Progress.NONE);
                }
            }
            SbcaReport.of(scored.get(SBCA), scored.get(SE), sbcaBeta).write(sbcaReportFile);
        }

        private SegmentationModel base(SegmentationModel given, int channels) {
            boolean logged = log.has(RunLog.baseKey(seed));
            if (given != null || (logged && Files.exists(baseFile))) {
                step++;
                SegmentationModel base = given != null ? given : ModelIO.load(baseFile);
                if (!logged) {
                    appendBase(base, List.of(), 0);
                }
                return base;
            }
            // also when the row exists but the model does not (a run folder resumed from the repository):
            // the same seed trains the same base again
            ModelSpec spec = new ModelSpec(settings.architecture(), settings.size(), channels, settings.depth(), settings.base(),
                    seed);
            TrainingResult trained = Trainer.train(Architectures.build(spec), fit.train(), fit.validation(),
                    settings.training().withSeed(seed), "trained", next());
            ModelIO.save(trained.model(), baseFile, false);
            if (!logged) {
                appendBase(trained.model(), trained.curve(), trained.seconds());
            }
            return trained.model();
        }

        private void appendBase(SegmentationModel base, List<org.segprune.train.EpochRecord> curve, double seconds) {
            Evaluator.Result evaluated = Evaluator.evaluate(base, "unpruned", testPart, EVALUATION.batchSize(),
                    EVALUATION.latencyRuns(), next(), null);
            log.append(RunLog.baseKey(seed), new RunLog.BaseEntry(seed, evaluated.report(), dice(evaluated.images()), curve,
                    seconds));
        }

        private void row(SegmentationModel base, long baseParams, String method, double budget, ScoreTable scores,
                double scoreSeconds) {
            progress.milestone(step / (double) steps, String.format(Locale.ROOT, "seed %d: %s at %.4g of the parameters", seed,
                    method, budget));
            Pruner.Result pruned = Pruner.prune(base, scores, PruneSettings.keepParams(budget, settings.minChannels())
                    .withScoreScale(settings.scoreScale()));
            double before = Evaluator.meanDice(pruned.model().graph(), pruned.model().info(), testPart, SampleLoader.forModel(base.info()),
                    EVALUATION.batchSize(), next());
            TrainingResult tuned = Trainer.train(pruned.model(), fit.train(), fit.validation(),
                    settings.finetuning().withSeed(seed), "fine-tuned", next());
            Evaluator.Result evaluated = Evaluator.evaluate(tuned.model(), method + "@" + budget, testPart,
                    EVALUATION.batchSize(), EVALUATION.latencyRuns(), Progress.NONE.silent(), null);
            EvaluationReport report = evaluated.report();
            CompareRow row = new CompareRow(method, budget, seed, report.params(), 100.0 * report.params() / baseParams,
                    report.sizeMb(), report.fileSizeMb(), report.gflops(), before, report.diceMean(), report.diceSd(),
                    report.dicePooled(), report.iouMean(), report.hd95Mean(), report.assdMean(), report.latencyMs(), scoreSeconds,
                    tuned.seconds(), tuned.warnings().isEmpty() ? null : String.join("; ", tuned.warnings()));
            log.append(RunLog.rowKey(seed, method, budget), new RunLog.RowEntry(row, dice(evaluated.images()), tuned.curve(),
                    pruned.plan().layers()));
            progress.milestone(step / (double) steps, String.format(Locale.ROOT,
                    "seed %d: %s at %.4g: %.2f%% params, dice %.4f before / %.4f after fine-tuning", seed, method, budget,
                    row.paramsPercent(), before, report.diceMean()));
        }

        /** The next equal share of the seed's progress. */
        private Progress next() {
            int index = step++;
            return progress.sub(index / (double) steps, (index + 1) / (double) steps);
        }

        private static double[] dice(List<ImageMetrics> images) {
            return images.stream().mapToDouble(m -> m.confusion().dice()).toArray();
        }
    }
}
