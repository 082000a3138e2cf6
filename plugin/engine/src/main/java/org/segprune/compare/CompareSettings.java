package org.segprune.compare;

import java.util.List;
import org.segprune.prune.PruneSettings;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringSettings;
import org.segprune.train.TrainingSettings;
import org.segprune.util.SegPruneException;

/**
 * One comparison: which scoring methods, which global parameter budgets, how the one base model is
 * built and trained, and the fine-tuning every pruned model gets (the same for every method); the whole
 * comparison is repeated for every seed of {@code seeds}, while {@code training.seed()} splits the images.
 */
public record CompareSettings(List<String> methods, List<Double> budgets, String architecture, int size, int depth, int base,
        TrainingSettings training, TrainingSettings finetuning, ScoringSettings scoring, double testFraction,
        double validationFraction, int minChannels, PruneSettings.ScoreScale scoreScale, List<Long> seeds) {

    public CompareSettings {
        if (methods.isEmpty()) {
            throw new SegPruneException("give at least one scoring method");
        }
        methods.forEach(Scorers::byName);
        if (budgets.isEmpty()) {
            throw new SegPruneException("give at least one parameter budget");
        }
        for (double budget : budgets) {
            if (!(budget > 0 && budget < 1)) {
                throw new SegPruneException("keep-params " + budget + " is outside (0, 1)");
            }
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new SegPruneException("test fraction " + testFraction + " is outside (0, 1)");
        }
        if (seeds.isEmpty()) {
            throw new SegPruneException("give at least one seed");
        }
        if (seeds.stream().distinct().count() < seeds.size()) {
            throw new SegPruneException("seeds " + seeds + " repeat a seed");
        }
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        budgets = List.copyOf(budgets);
    }
}
