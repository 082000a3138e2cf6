package org.segprune.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.segprune.compare.CompareResult;
import org.segprune.compare.CompareSettings;
import org.segprune.compare.Comparison;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringSettings;
import org.segprune.train.TrainingSettings;
import org.segprune.util.AtomicFiles;
import org.segprune.util.Json;

/** {@code segprune compare}: the paper's comparison table from one command. */
final class CompareCommand {

    private final PrintStream out;
    private final PrintStream err;

    CompareCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void run(Args args) {
        Path dataDir = args.path("data");
        Path testDir = args.path("test", null);
        Path modelFile = args.path("model", null);
        String architecture = args.string("arch", "unet");
        List<String> methods = Arrays.asList(args.string("methods", String.join(",", Scorers.names())).split(","));
        List<Double> budgets = Arrays.stream(args.string("keep-params", "0.10,0.05,0.011").split(","))
                .map(v -> Args.parseNumber("keep-params", v)).toList();
        int size = args.integer("size", 128);
        int base = args.integer("base", 16);
        int depth = args.integer("depth", 4);
        long seed = args.longValue("seed", 42);
        int batch = args.integer("batch", 8);
        TrainingSettings training = TrainingSettings.DEFAULTS.withEpochs(args.integer("epochs", 30)).withSeed(seed)
                .withBatchSize(batch);
        TrainingSettings finetuning = training.withEpochs(args.integer("finetune-epochs", 15));
        ScoringSettings d = ScoringSettings.DEFAULTS;
        ScoringSettings scoring = new ScoringSettings(args.integer("scoring-epochs", d.epochs()), args.number("scoring-lr",
                d.learningRate()), batch, d.reduction(), d.sacaGrids(), d.sbcaPool(), args.number("gate-sparsity",
                d.gateSparsity()), seed);
        CompareSettings settings = new CompareSettings(methods, budgets, architecture, size, depth, base, training, finetuning,
                scoring, args.number("test-fraction", 0.2), args.number("val-fraction", 0.2), args.integer("min-channels", PruneSettings.DEFAULT_MIN_CHANNELS),
                PruneSettings.ScoreScale.byId(args.string("score-scale", PruneSettings.ScoreScale.AUTO.id())));
        Path output = args.path("out");
        args.rejectUnknown();

        SegmentationDataset data = SegmentationDataset.open(dataDir, new ConsoleProgress(err, "check data"));
        SegmentationDataset test = testDir == null ? null : SegmentationDataset.open(testDir, new ConsoleProgress(err, "check test"));
        SegmentationModel model = modelFile == null ? null : ModelIO.load(modelFile);
        Comparison.Outcome outcome = Comparison.run(data, test, model, settings, new ConsoleProgress(err, "compare"));
        CompareResult result = outcome.result();
        if (model == null) {
            ModelIO.save(outcome.base(), output.resolve("base.zip"), false);
        }
        Json.write(output.resolve("compare.json"), result);
        AtomicFiles.writeString(output.resolve("compare.md"), result.markdown());
        out.print(result.markdown());
        out.println("-> " + output.resolve("compare.json") + ", " + output.resolve("compare.md"));
    }
}
