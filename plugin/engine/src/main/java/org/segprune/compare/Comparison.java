package org.segprune.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Pruner;
import org.segprune.score.FilterScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringRequest;
import org.segprune.step.EvaluatorSettings;
import org.segprune.train.TrainingResult;
import org.segprune.train.Trainer;
import org.segprune.util.Progress;

/**
 * The paper's comparison: one base model, then for every method and global budget score, prune,
 * fine-tune and evaluate on held-out images. Same base, same seeds and same fine-tuning for every
 * method, so the rows differ only by the scores.
 */
public final class Comparison {

    /** The Segmentation Evaluator's default batch size and latency runs, for every model of the table. */
    private static final EvaluatorSettings EVALUATION = EvaluatorSettings.from(Map.of());

    /** The comparison's figures and the base model every row was pruned from. */
    public record Outcome(CompareResult result, SegmentationModel base) {
    }

    private Comparison() {
    }

    /**
     * @param model the base model, or null to train one on the training part
     * @param test held-out images, or null to split {@code settings.testFraction()} off {@code data}
     */
    public static Outcome run(SegmentationDataset data, SegmentationDataset test, SegmentationModel model,
            CompareSettings settings, Progress progress) {
        SegmentationDataset trainPart = data;
        SegmentationDataset testPart = test;
        if (testPart == null) {
            SegmentationDataset.Split split = data.split(settings.testFraction(), settings.training().seed());
            trainPart = split.train();
            testPart = split.validation();
        }
        SegmentationDataset.Split fit = trainPart.split(settings.validationFraction(), settings.training().seed());
        int steps = 2 + settings.methods().size() * (1 + 2 * settings.budgets().size());
        int[] step = {0};
        Progress next = progress;

        SegmentationModel base = model;
        double baseSeconds = 0;
        if (base == null) {
            ModelSpec spec = new ModelSpec(settings.architecture(), settings.size(), channels(trainPart), settings.depth(),
                    settings.base(), settings.training().seed());
            TrainingResult trained = Trainer.train(Architectures.build(spec), fit.train(), fit.validation(), settings.training(),
                    "trained", slice(next, step, steps));
            base = trained.model();
            baseSeconds = trained.seconds();
        } else {
            step[0]++;
        }
        EvaluationReport baseReport = Evaluator.evaluate(base, "unpruned", testPart, EVALUATION.batchSize(),
                EVALUATION.latencyRuns(), slice(next, step, steps), null).report();
        ChannelGraph graph = ChannelGraph.of(base);
        List<CompareRow> rows = new ArrayList<>();
        for (String method : settings.methods()) {
            FilterScorer scorer = Scorers.byName(method);
            long scoreStart = System.nanoTime();
            ScoreTable scores = scorer.score(new ScoringRequest(base, graph, fit.train(), settings.scoring(),
                    slice(next, step, steps)));
            double scoreSeconds = (System.nanoTime() - scoreStart) / 1e9;
            for (double budget : settings.budgets()) {
                progress.milestone(step[0] / (double) steps, String.format(Locale.ROOT, "%s at %.4g of the parameters", method, budget));
                Pruner.Result pruned = Pruner.prune(base, scores, PruneSettings.keepParams(budget, settings.minChannels())
                        .withScoreScale(settings.scoreScale()));
                double before = Evaluator.meanDice(pruned.model().graph(), testPart,
                        org.segprune.data.SampleLoader.forModel(base.info()), EVALUATION.batchSize(),
                        slice(next, step, steps));
                TrainingResult tuned = Trainer.train(pruned.model(), fit.train(), fit.validation(), settings.finetuning(),
                        "fine-tuned", slice(next, step, steps));
                EvaluationReport report = Evaluator.evaluate(tuned.model(), method + "@" + budget, testPart, EVALUATION.batchSize(),
                        EVALUATION.latencyRuns(), Progress.NONE.silent(), null).report();
                rows.add(new CompareRow(method, budget, report.params(), 100.0 * report.params() / baseReport.params(),
                        report.sizeMb(), report.fileSizeMb(), report.gflops(), before, report.diceMean(), report.diceSd(),
                        report.dicePooled(), report.iouMean(), report.latencyMs(), scoreSeconds, tuned.seconds(),
                        tuned.warnings().isEmpty() ? null : String.join("; ", tuned.warnings())));
                progress.milestone(step[0] / (double) steps, String.format(Locale.ROOT,
                        "%s at %.4g: %.2f%% params, dice %.4f before / %.4f after fine-tuning", method, budget,
                        100.0 * report.params() / baseReport.params(), before, report.diceMean()));
            }
        }
        return new Outcome(new CompareResult(data.root().toString(), test == null ? null : test.root().toString(), fit.train().size(),
                testPart.size(), base.info().architecture(), base.info().inputSize(), settings.depth(), settings.base(),
                settings.training().epochs(), settings.finetuning().epochs(), settings.scoring().epochs(),
                settings.scoring().learningRate(), settings.scoring().gateSparsity(), settings.scoreScale().id(),
                settings.training().seed(), baseReport, baseSeconds, List.copyOf(rows)), base);
    }

    private static int channels(SegmentationDataset data) {
        return org.segprune.data.ImageFiles.channelsOf(org.segprune.data.ImageFiles.read(data.samples().get(0).image()));
    }

    /** The next equal share of the overall progress. */
    private static Progress slice(Progress progress, int[] step, int steps) {
        int index = step[0]++;
        return progress.sub(index / (double) steps, (index + 1) / (double) steps);
    }
}
