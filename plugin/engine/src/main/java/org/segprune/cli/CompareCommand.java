package org.segprune.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segprune.cli.StepOptions.Offer;
import org.segprune.compare.CompareResult;
import org.segprune.compare.CompareSettings;
import org.segprune.compare.Comparison;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.prune.PruneSettings;
import org.segprune.score.Scorers;
import org.segprune.step.AttentionScorerSettings;
import org.segprune.step.FilterPrunerSettings;
import org.segprune.step.FineTunerSettings;
import org.segprune.step.ModelReaderSettings;
import org.segprune.step.SettingDef;
import org.segprune.step.Steps;
import org.segprune.util.AtomicFiles;
import org.segprune.util.Json;
import org.segprune.util.SegPruneException;

/**
 * {@code segprune compare}: the paper's comparison table from one command, a composition of the steps. Its options
 * are the Segmentation Model Reader's model shape, the Fine-Tuner's training (once for the base model, once, as
 * {@code --finetune-epochs}, for every pruned one), the Attention Scorer's scoring and the Filter Pruner's budget
 * settings, under the option names compare always had and with compare's own defaults where they differ.
 */
final class CompareCommand {

    /** The Segmentation Model Reader's settings: a smaller network than the node's default. */
    static final List<Offer> MODEL = List.of(Offer.of(ModelReaderSettings.ARCHITECTURE),
            Offer.of(ModelReaderSettings.INPUT_SIZE).defaultsTo(128), Offer.of(ModelReaderSettings.BASE_FILTERS).defaultsTo(16),
            Offer.of(ModelReaderSettings.DEPTH));
    /** The Fine-Tuner's settings that train the base model; its seed and batch size serve every step. */
    static final List<Offer> TRAINING = List.of(Offer.of(FineTunerSettings.EPOCHS).defaultsTo(30),
            Offer.of(FineTunerSettings.BATCH_SIZE), Offer.of(FineTunerSettings.VALIDATION_FRACTION),
            Offer.of(FineTunerSettings.SEED));
    /** The Fine-Tuner's epochs for every pruned model. */
    static final List<Offer> FINETUNING = List.of(Offer.of(FineTunerSettings.EPOCHS).as("finetune-epochs").defaultsTo(15));
    /** The Attention Scorer's settings, prefixed because the training's options have the same names. */
    static final List<Offer> SCORING = List.of(Offer.of(AttentionScorerSettings.EPOCHS).as("scoring-epochs"),
            Offer.of(AttentionScorerSettings.LEARNING_RATE).as("scoring-lr"),
            Offer.of(AttentionScorerSettings.GATE_SPARSITY));
    /** The Filter Pruner's settings besides the budgets. */
    static final List<Offer> PRUNING = Offer.of(List.of(FilterPrunerSettings.MIN_CHANNELS, FilterPrunerSettings.SCORE_SCALE));

    static final String BUDGETS = "0.10,0.05,0.011";

    private final PrintStream out;
    private final PrintStream err;

    CompareCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The usage lines of compare, generated from the offers. */
    static String usage() {
        return String.join("\n",
                "  compare  --data DIR [--methods " + String.join(",", Scorers.names()) + "] [--keep-params " + BUDGETS + "]",
                "           " + StepOptions.usageOf(Steps.MODEL_READER, MODEL),
                "           " + StepOptions.usageOf(Steps.FINE_TUNER, TRAINING) + " "
                        + StepOptions.usageOf(Steps.FINE_TUNER, FINETUNING),
                "           " + StepOptions.usageOf(Steps.ATTENTION_SCORER, SCORING) + " "
                        + StepOptions.usageOf(Steps.FILTER_PRUNER, PRUNING),
                "           [--seeds S1,S2,..] [--test-fraction " + Commands.TEST_FRACTION + "] [--test DIR] [--model M] --out DIR",
                "           (a second run on the same --out resumes: finished rows are kept)");
    }

    /** Reads and checks every option; the settings are the steps' own. */
    static CompareSettings settings(Args args) {
        SettingDef methodDef = Steps.ATTENTION_SCORER.schema().def(AttentionScorerSettings.METHOD);
        List<String> methods = Arrays.stream(args.string("methods", String.join(",", Scorers.names())).split(","))
                .map(method -> (String) named("--methods", () -> methodDef.parse(method))).toList();
        FineTunerSettings training = Steps.FINE_TUNER.settings(StepOptions.readOffers(args, Steps.FINE_TUNER, TRAINING,
                Commands.ALL_ROWS));
        Map<String, String> trainingRaw = training.asMap();
        FineTunerSettings finetuning = Steps.FINE_TUNER.settings(StepOptions.readOffers(args, Steps.FINE_TUNER, FINETUNING,
                trainingRaw));
        String seed = trainingRaw.get(FineTunerSettings.SEED);
        ModelSpec spec = Steps.MODEL_READER.settings(StepOptions.readOffers(args, Steps.MODEL_READER, MODEL,
                Map.of(ModelReaderSettings.SOURCE, ModelReaderSettings.NEW, ModelReaderSettings.SEED, seed))).spec();
        Map<String, String> scoringFixed = new LinkedHashMap<>(Commands.ALL_ROWS);
        scoringFixed.put(AttentionScorerSettings.METHOD, methods.get(0));
        scoringFixed.put(AttentionScorerSettings.BATCH_SIZE, trainingRaw.get(FineTunerSettings.BATCH_SIZE));
        scoringFixed.put(AttentionScorerSettings.SEED, seed);
        AttentionScorerSettings scoring = Steps.ATTENTION_SCORER.settings(StepOptions.readOffers(args, Steps.ATTENTION_SCORER,
                SCORING, scoringFixed));
        Map<String, String> pruneRaw = StepOptions.readOffers(args, Steps.FILTER_PRUNER, PRUNING,
                Map.of(FilterPrunerSettings.MODE, FilterPrunerSettings.KEEP_PARAMS));
        PruneSettings prune = Steps.FILTER_PRUNER.settings(pruneRaw).prune();
        SettingDef budgetDef = Steps.FILTER_PRUNER.schema().def(FilterPrunerSettings.KEEP_PARAMS);
        List<Double> budgets = Arrays.stream(args.string(budgetDef.flag(), BUDGETS).split(","))
                .map(budget -> (Double) named(budgetDef.option(), () -> budgetDef.parse(budget))).toList();
        return new CompareSettings(methods, budgets, spec.architecture(), spec.inputSize(), spec.depth(), spec.baseFilters(),
                training.training(), finetuning.training(), scoring.scoring(),
                args.number("test-fraction", Commands.TEST_FRACTION), finetuning.validationFraction(), prune.minChannels(),
                prune.scoreScale(), seeds(args, Long.parseLong(seed)));
    }

    /** {@code --seeds 1,2,3}: the seeds the whole comparison is repeated for; default the one seed. */
    private static List<Long> seeds(Args args, long seed) {
        String text = args.string("seeds", String.valueOf(seed));
        try {
            return Arrays.stream(text.split(",")).map(String::trim).map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new SegPruneException("--seeds must be whole numbers separated by commas, got '" + text + "'", e);
        }
    }

    /** The value {@code parse} returns; its error names {@code option}. */
    private static Object named(String option, java.util.function.Supplier<Object> parse) {
        try {
            return parse.get();
        } catch (SegPruneException e) {
            throw new SegPruneException(option + ": " + e.getMessage(), e);
        }
    }

    void run(Args args) {
        Path dataDir = args.path("data");
        Path testDir = args.path("test", null);
        Path modelFile = args.path("model", null);
        CompareSettings settings = settings(args);
        ModelOptions modelOptions = ModelOptions.read(args);
        Path output = args.path("out");
        args.rejectUnknown();

        SegmentationModel model = modelFile == null ? null : modelOptions.load(modelFile, new ConsoleProgress(err, "read model"));
        // masks are checked as the given model reads them (its mask values); a trained base reads binary masks
        ModelInfo reads = model == null ? null : model.info();
        SegmentationDataset data = SegmentationDataset.open(dataDir, new ConsoleProgress(err, "check data"), reads);
        SegmentationDataset test = testDir == null ? null
                : SegmentationDataset.open(testDir, new ConsoleProgress(err, "check test"), reads);
        CompareResult result = Comparison.run(data, test, model, settings, output, new ConsoleProgress(err, "compare"));
        Json.write(output.resolve("compare.json"), result);
        AtomicFiles.writeString(output.resolve("compare.md"), result.markdown());
        out.print(result.markdown());
        out.println("-> " + output.resolve("compare.json") + ", " + output.resolve("compare.md") + ", plots in "
                + output.resolve(Comparison.PLOTS));
    }
}
