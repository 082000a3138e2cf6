package org.segprune.compare;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;
import org.segprune.evaluate.EvaluationReport;

/** Everything a comparison measured, and its markdown table. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompareResult(String data, String testData, int trainImages, int testImages, String architecture, int size,
        int depth, int base, int epochs, int finetuneEpochs, int scoringEpochs, double scoringLearningRate,
        double gateSparsity, String scoreScale, long seed, EvaluationReport baseReport,
        double baseTrainSeconds, List<CompareRow> rows) {

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%s, input %dx%d, depth %d, base %d: %d training images, %d test images; base trained"
                + " %d epochs, every pruned model fine-tuned %d epochs; attention modules trained %d epochs at learning rate %s"
                + " with gate sparsity %s; score scale %s; seed %d.%n%n", architecture, size, size, depth, base, trainImages,
                testImages, epochs, finetuneEpochs, scoringEpochs, scoringLearningRate, gateSparsity, scoreScale, seed));
        md.append("| method | budget | params left (%) | params | size MB | GFLOPs | dice before FT | dice after FT (mean +- SD) | latency ms |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        md.append(String.format(Locale.ROOT, "| unpruned | 1 | 100.00 | %d | %.3f | %.3f | %.4f | %.4f +- %.4f | %.1f |%n",
                baseReport.params(), baseReport.sizeMb(), baseReport.gflops(), baseReport.diceMean(), baseReport.diceMean(),
                baseReport.diceSd(), baseReport.latencyMs()));
        for (CompareRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.4g | %.2f | %d | %.3f | %.3f | %.4f | %.4f +- %.4f%s | %.1f |%n", r.method(),
                    r.budget(), r.paramsPercent(), r.params(), r.sizeMb(), r.gflops(), r.diceBeforeFinetune(),
                    r.diceAfterFinetune(), r.diceSd(), r.warning() == null ? "" : " (!)", r.latencyMs()));
        }
        rows.stream().filter(r -> r.warning() != null).forEach(r -> md.append(String.format(Locale.ROOT,
                "%n(!) %s at %.4g: %s%n", r.method(), r.budget(), r.warning())));
        md.append(String.format(Locale.ROOT, "%nDice is the mean over test images (threshold 0.5). Latency: median of %d batch-1 CPU"
                + " forward passes, %d thread(s).%n", baseReport.latencyRuns(), baseReport.threads()));
        return md.toString();
    }
}
