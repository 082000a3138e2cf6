package org.segprune.compare;

import java.util.List;
import org.segprune.prune.PruneSettings;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringSettings;
import org.segprune.train.TrainingSettings;
import org.segprune.util.SegPruneException;

/**
 * One comparison: which scoring methods, which global parameter budgets, how the one base model is
 * built and trained, and the fine-tuning every pruned model gets (the same for every method).
 */
public record CompareSettings(List<String> methods, List<Double> budgets, String architecture, int size, int depth, int base,
        TrainingSettings training, TrainingSettings finetuning, ScoringSettings scoring, double testFraction,
        double validationFraction, int minChannels, PruneSettings.ScoreScale scoreScale) {

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
        methods = List.copyOf(methods);
        budgets = List.copyOf(budgets);
    }
}
