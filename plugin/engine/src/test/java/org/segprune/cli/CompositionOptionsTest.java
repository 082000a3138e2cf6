package org.segprune.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.segprune.cli.StepOptions.Offer;
import org.segprune.compare.CompareSettings;
import org.segprune.model.ModelSpec;
import org.segprune.prune.PruneSettings;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringSettings;
import org.segprune.step.SettingDef;
import org.segprune.step.Step;
import org.segprune.step.Steps;
import org.segprune.train.TrainingSettings;
import org.segprune.util.SegPruneException;

/** compare and demo are compositions of the steps: their options and values are the steps' settings. */
class CompositionOptionsTest {

    /** compare's options that are no step setting: folders, the lists of methods and budgets, the test split. */
    private static final Set<String> COMPARE_OWN = Set.of("--data", "--methods", "--keep-params", "--seeds", "--test-fraction", "--test",
            "--model", "--out");

    private static CompareSettings compare(String... options) {
        Args args = new Args("compare", List.of(options), Commands.FLAGS);
        CompareSettings settings = CompareCommand.settings(args);
        args.rejectUnknown();
        return settings;
    }

    private static Map<Step<?>, List<Offer>> compareOffers() {
        return Map.of(Steps.MODEL_READER, CompareCommand.MODEL, Steps.FINE_TUNER, concat(CompareCommand.TRAINING,
                CompareCommand.FINETUNING), Steps.ATTENTION_SCORER, CompareCommand.SCORING, Steps.FILTER_PRUNER,
                CompareCommand.PRUNING);
    }

    private static List<Offer> concat(List<Offer> a, List<Offer> b) {
        List<Offer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void everyCompareOptionInTheHelpIsAStepSettingOrOneOfComparesOwn() {
        Set<String> inHelp = new TreeSet<>();
        Matcher option = Pattern.compile("--[a-z-]+").matcher(CompareCommand.usage());
        while (option.find()) {
            inHelp.add(option.group());
        }
        Set<String> declared = new TreeSet<>(COMPARE_OWN);
        compareOffers().forEach((step, offers) -> offers.forEach(offer -> {
            SettingDef def = offer.def(step);
            SettingDef declaredDef = step.schema().def(offer.key());
            assertEquals(declaredDef.min(), def.min(), def.key());
            assertEquals(declaredDef.max(), def.max(), def.key());
            assertEquals(declaredDef.kind(), def.kind(), def.key());
            declared.add(def.option());
        }));
        assertEquals(declared, inHelp);
    }

    @Test
    void compareDefaultsAreTheStepsDefaultsWithComparesOwnOverrides() {
        CompareSettings settings = compare();
        assertEquals(Scorers.names(), settings.methods());
        assertEquals(List.of(0.10, 0.05, 0.011), settings.budgets());
        assertEquals(List.of(ModelSpec.UNET, 128, 4, 16), List.of(settings.architecture(), settings.size(), settings.depth(),
                settings.base()));
        assertEquals(TrainingSettings.DEFAULTS.withEpochs(30), settings.training());
        assertEquals(TrainingSettings.DEFAULTS.withEpochs(15), settings.finetuning());
        ScoringSettings d = ScoringSettings.DEFAULTS;
        ScoringSettings scoring = settings.scoring();
        assertEquals(List.of(d.epochs(), d.batchSize(), d.reduction(), d.sbcaPool()), List.of(scoring.epochs(),
                scoring.batchSize(), scoring.reduction(), scoring.sbcaPool()));
        assertEquals(List.of(d.learningRate(), d.gateSparsity()), List.of(scoring.learningRate(), scoring.gateSparsity()));
        assertEquals(TrainingSettings.DEFAULTS.seed(), scoring.seed());
        assertArrayEquals(d.sacaGrids(), scoring.sacaGrids());
        assertEquals(0.2, settings.testFraction());
        assertEquals(0.2, settings.validationFraction());
        assertEquals(PruneSettings.DEFAULT_MIN_CHANNELS, settings.minChannels());
        assertEquals(PruneSettings.ScoreScale.AUTO, settings.scoreScale());
    }

    @Test
    void compareOptionsSetTheStepsSettings() {
        CompareSettings settings = compare("--methods", "l1,SE", "--keep-params", "0.3", "--size", "32", "--base", "4",
                "--depth", "2", "--epochs", "2", "--finetune-epochs", "1", "--seed", "5", "--batch", "4",
                "--scoring-epochs", "2", "--scoring-lr", "0.01", "--gate-sparsity", "1e-4", "--min-channels", "2",
                "--score-scale", "raw", "--val-fraction", "0.3", "--test-fraction", "0.4");
        assertEquals(List.of("l1", "se"), settings.methods());
        assertEquals(List.of(0.3), settings.budgets());
        assertEquals(List.of(32, 2, 4), List.of(settings.size(), settings.depth(), settings.base()));
        assertEquals(TrainingSettings.DEFAULTS.withEpochs(2).withSeed(5).withBatchSize(4), settings.training());
        assertEquals(settings.training().withEpochs(1), settings.finetuning());
        assertEquals(List.of(2, 4, 5L), List.of(settings.scoring().epochs(), settings.scoring().batchSize(),
                (long) settings.scoring().seed()));
        assertEquals(List.of(0.01, 1e-4), List.of(settings.scoring().learningRate(), settings.scoring().gateSparsity()));
        assertEquals(2, settings.minChannels());
        assertEquals(PruneSettings.ScoreScale.RAW, settings.scoreScale());
        assertEquals(List.of(0.3, 0.4), List.of(settings.validationFraction(), settings.testFraction()));
    }

    @Test
    void aBadCompareValueGivesTheStepsMessageNamingTheOption() {
        assertMessage("--val-fraction: Validation fraction [validation_fraction] must be between 0.0 and 0.9, got 0.95",
                "--val-fraction", "0.95");
        assertMessage("--scoring-epochs: Epochs [epochs] must be between 1 and 1000, got 0", "--scoring-epochs", "0");
        assertMessage("--finetune-epochs: Epochs [epochs] must be a whole number, got 'many'", "--finetune-epochs", "many");
        assertMessage("--size: Input size [input_size] must be between 16 and 2048, got 8", "--size", "8");
        assertMessage("--keep-params: Keep parameters [keep_params] must be a number, got 'half'", "--keep-params",
                "0.1,half");
        assertMessage("--methods: Method [method] must be one of " + String.join(", ", Scorers.names()) + ", got 'l3'",
                "--methods", "l1,l3");
        assertMessage("--score-scale: Score scale [score_scale] must be one of auto, layer-max, raw, got 'log'",
                "--score-scale", "log");
        SegPruneException gate = assertThrows(SegPruneException.class, () -> compare("--gate-sparsity", "2"));
        assertEquals("--gate-sparsity: ", gate.getMessage().substring(0, "--gate-sparsity: ".length()), gate.getMessage());
    }

    private static void assertMessage(String expected, String... options) {
        assertEquals(expected, assertThrows(SegPruneException.class, () -> compare(options)).getMessage());
    }

    @Test
    void demoRunsTheStepsWithItsSmallerNetworkAndShorterTraining() {
        assertEquals(new ModelSpec(ModelSpec.UNET, 96, 1, 3, 8, 7), Demo.MODEL.spec());
        assertEquals(TrainingSettings.DEFAULTS.withEpochs(15).withSeed(7), Demo.TRAINING.training());
        assertEquals(TrainingSettings.DEFAULTS.withEpochs(8).withSeed(7), Demo.FINETUNING.training());
        assertEquals(0.2, Demo.TRAINING.validationFraction());
        assertEquals("l1", Demo.SCORING.scorer().name());
        assertEquals(PruneSettings.keepParams(0.25, PruneSettings.DEFAULT_MIN_CHANNELS), Demo.PRUNING.prune());
        assertEquals(List.of(8, 20), List.of(Demo.EVALUATION.batchSize(), Demo.EVALUATION.latencyRuns()));
    }
}
