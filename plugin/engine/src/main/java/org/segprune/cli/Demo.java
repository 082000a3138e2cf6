package org.segprune.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.prune.Pruner;
import org.segprune.report.Reports;
import org.segprune.score.MagnitudeScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.score.ScoringSettings;
import org.segprune.train.TrainingResult;
import org.segprune.train.TrainingSettings;
import org.segprune.train.Trainer;
import org.segprune.util.AtomicFiles;
import org.segprune.util.Json;
import org.segprune.util.Progress;

/**
 * {@code segprune demo}: the whole product on synthetic lung phantoms in a few minutes. Trains a
 * small U-Net, scores it with l1, prunes it to a quarter of its parameters, fine-tunes, evaluates
 * both on held-out phantoms and prints the before/after table.
 */
final class Demo {

    static final int IMAGES = 80;
    static final int SIZE = 96;
    static final int DEPTH = 3;
    static final int BASE = 8;
    static final int EPOCHS = 15;
    static final int FINETUNE_EPOCHS = 8;
    static final double KEEP_PARAMS = 0.25;
    static final long SEED = 7;

    private final PrintStream out;
    private final PrintStream err;

    Demo(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    private Progress progress(String step) {
        return new ConsoleProgress(err, "demo: " + step);
    }

    void run(Path dir) {
        SegmentationDataset all = PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, IMAGES, SIZE, SEED,
                progress("phantoms"));
        SegmentationDataset.Split trainTest = all.split(0.25, SEED);
        SegmentationDataset.Split trainVal = trainTest.train().split(0.2, SEED);
        TrainingSettings settings = TrainingSettings.DEFAULTS.withEpochs(EPOCHS).withSeed(SEED);

        SegmentationModel untrained = Architectures.build(new ModelSpec(ModelSpec.UNET, SIZE, 1, DEPTH, BASE, SEED));
        TrainingResult base = Trainer.train(untrained, trainVal.train(), trainVal.validation(), settings, "trained",
                progress("train"));
        ModelIO.save(base.model(), dir.resolve("base.zip"), false);
        Reports.writeCurve(dir.resolve("base-curve.csv"), base.curve());

        ScoreTable scores = MagnitudeScorer.L1.score(new ScoringRequest(base.model(), ChannelGraph.of(base.model()), null,
                ScoringSettings.DEFAULTS, progress("score")));
        scores.writeCsv(dir.resolve("scores-l1.csv"));
        Pruner.Result pruned = Pruner.prune(base.model(), scores,
                PruneSettings.keepParams(KEEP_PARAMS, PruneSettings.DEFAULT_MIN_CHANNELS));
        ModelIO.save(pruned.model(), dir.resolve("pruned.zip"), false);
        Json.write(dir.resolve("plan.json"), pruned.plan());

        TrainingResult tuned = Trainer.train(pruned.model(), trainVal.train(), trainVal.validation(),
                settings.withEpochs(FINETUNE_EPOCHS), "fine-tuned", progress("fine-tune"));
        ModelIO.save(tuned.model(), dir.resolve("tuned.zip"), false);
        Reports.writeCurve(dir.resolve("tuned-curve.csv"), tuned.curve());

        EvaluationReport before = evaluate(base.model(), "base.zip", trainTest.validation(), dir, "base");
        EvaluationReport prunedOnly = evaluate(pruned.model(), "pruned.zip", trainTest.validation(), dir, "pruned");
        EvaluationReport after = evaluate(tuned.model(), "tuned.zip", trainTest.validation(), dir, "tuned");
        String table = table(before, prunedOnly, after);
        AtomicFiles.writeString(dir.resolve("summary.md"), table);
        out.println();
        out.print(table);
        out.printf(Locale.ROOT, "%nreports, models and the phantom data are in %s%n", dir.toAbsolutePath());
    }

    private EvaluationReport evaluate(SegmentationModel model, String name, SegmentationDataset test, Path dir, String stem) {
        Evaluator.Result result = Evaluator.evaluate(model, name, test, 8, 20, progress("evaluate " + stem), null);
        Json.write(dir.resolve("report-" + stem + ".json"), result.report());
        Reports.writePerImage(dir.resolve("images-" + stem + ".csv"), result.images());
        return result.report();
    }

    static String table(EvaluationReport base, EvaluationReport pruned, EvaluationReport tuned) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "SegPrune demo: U-Net depth %d base %d on %d synthetic lung phantoms (%dx%d),"
                + " l1 scores, global budget %.0f%% of parameters; %d held-out test images%n%n", DEPTH, BASE, IMAGES, SIZE, SIZE,
                100 * KEEP_PARAMS, base.images()));
        md.append("| model | params | params % | size MB | GFLOPs | dice (mean +- SD) | dice pooled | latency ms |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (EvaluationReport r : new EvaluationReport[] {base, pruned, tuned}) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.3f | %.4f | %.4f +- %.4f | %.4f | %.1f |%n", r.model(),
                    r.params(), 100.0 * r.params() / base.params(), r.sizeMb(), r.gflops(), r.diceMean(), r.diceSd(),
                    r.dicePooled(), r.latencyMs()));
        }
        md.append(String.format(Locale.ROOT, "%nlatency: median of %d batch-1 CPU forward passes, %d thread(s)%n",
                base.latencyRuns(), base.threads()));
        return md.toString();
    }
}
