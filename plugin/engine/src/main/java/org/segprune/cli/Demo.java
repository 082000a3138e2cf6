package org.segprune.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.Evaluator;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.Pruner;
import org.segprune.report.Reports;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.step.AttentionScorerSettings;
import org.segprune.step.ImageRows;
import org.segprune.step.EvaluatorSettings;
import org.segprune.step.FilterPrunerSettings;
import org.segprune.step.FineTunerSettings;
import org.segprune.step.ModelReaderSettings;
import org.segprune.step.Steps;
import org.segprune.train.TrainingResult;
import org.segprune.train.Trainer;
import org.segprune.util.AtomicFiles;
import org.segprune.util.Json;
import org.segprune.util.Progress;

/**
 * {@code segprune demo}: the whole product on synthetic lung phantoms in a few minutes. Trains a
 * small U-Net, scores it with l1, prunes it to a quarter of its parameters, fine-tunes, evaluates
 * both on held-out phantoms and prints the before/after table. A composition of the steps: their
 * settings with the demo's smaller network and shorter training set here, every other value the
 * step's default.
 */
final class Demo {

    private static final int IMAGES = 80;
    private static final double TEST_FRACTION = 0.25;
    private static final String SEED = "7";

    static final ModelReaderSettings MODEL = Steps.MODEL_READER.settings(Map.of(ModelReaderSettings.SOURCE,
            ModelReaderSettings.NEW, ModelReaderSettings.INPUT_SIZE, "96", ModelReaderSettings.DEPTH, "3",
            ModelReaderSettings.BASE_FILTERS, "8", ModelReaderSettings.SEED, SEED));
    static final FineTunerSettings TRAINING = training(15);
    static final FineTunerSettings FINETUNING = training(8);
    /** The demo prunes by l1 magnitude (no attention training: it stays a few minutes); the node's default is SACA. */
    static final AttentionScorerSettings SCORING = Steps.ATTENTION_SCORER.settings(Map.of(ImageRows.ROWS, ImageRows.ALL,
            AttentionScorerSettings.METHOD, "l1"));
    static final FilterPrunerSettings PRUNING = Steps.FILTER_PRUNER.settings(Map.of(FilterPrunerSettings.MODE,
            FilterPrunerSettings.KEEP_PARAMS));
    static final EvaluatorSettings EVALUATION = Steps.EVALUATOR.settings(Commands.ALL_ROWS);

    private static FineTunerSettings training(int epochs) {
        Map<String, String> raw = new LinkedHashMap<>(Commands.ALL_ROWS);
        raw.put(FineTunerSettings.EPOCHS, Integer.toString(epochs));
        raw.put(FineTunerSettings.SEED, SEED);
        return Steps.FINE_TUNER.settings(raw);
    }

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
        ModelSpec spec = MODEL.spec();
        long seed = spec.seed();
        SegmentationDataset all = PhantomGenerator.generate(dir.resolve("data"), PhantomGenerator.Kind.LUNG, IMAGES,
                spec.inputSize(), seed, progress("phantoms"));
        SegmentationDataset.Split trainTest = all.split(TEST_FRACTION, seed);
        SegmentationDataset.Split trainVal = trainTest.train().split(TRAINING.validationFraction(), seed);

        TrainingResult base = Trainer.train(Architectures.build(spec), trainVal.train(), trainVal.validation(),
                TRAINING.training(), "trained", progress("train"));
        ModelIO.save(base.model(), dir.resolve("base.zip"), false);
        Reports.writeCurve(dir.resolve("base-curve.csv"), base.curve());

        ScoreTable scores = SCORING.scorer().score(new ScoringRequest(base.model(), ChannelGraph.of(base.model()), null,
                SCORING.scoring(), progress("score")));
        scores.writeCsv(dir.resolve("scores-" + SCORING.scorer().name() + ".csv"));
        Pruner.Result pruned = Pruner.prune(base.model(), scores, PRUNING.prune());
        ModelIO.save(pruned.model(), dir.resolve("pruned.zip"), false);
        Json.write(dir.resolve("plan.json"), pruned.plan());

        TrainingResult tuned = Trainer.train(pruned.model(), trainVal.train(), trainVal.validation(),
                FINETUNING.training(), "fine-tuned", progress("fine-tune"));
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
        Evaluator.Result result = Evaluator.evaluate(model, name, test, EVALUATION.batchSize(), EVALUATION.latencyRuns(),
                progress("evaluate " + stem), null);
        Json.write(dir.resolve("report-" + stem + ".json"), result.report());
        Reports.writePerImage(dir.resolve("images-" + stem + ".csv"), result.images());
        return result.report();
    }

    static String table(EvaluationReport base, EvaluationReport pruned, EvaluationReport tuned) {
        StringBuilder md = new StringBuilder();
        ModelSpec spec = MODEL.spec();
        md.append(String.format(Locale.ROOT, "SegPrune demo: U-Net depth %d base %d on %d synthetic lung phantoms (%dx%d),"
                + " %s scores, global budget %.0f%% of parameters; %d held-out test images%n%n", spec.depth(),
                spec.baseFilters(), IMAGES, spec.inputSize(), spec.inputSize(), SCORING.scorer().name(),
                100 * PRUNING.prune().value(), base.images()));
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
