package org.segprune.compare;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.stats.PairedComparison;

/**
 * Everything a comparison measured, and its markdown tables. {@code baseReport} and
 * {@code baseTrainSeconds} are the first seed's; {@code rows} hold every seed's rows, {@code summary} the
 * statistics over the seeds (the unpruned model first, as method "unpruned" at budget 1). {@code epochs} is 0 when
 * the base model was given rather than trained by the comparison.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompareResult(String data, String testData, int trainImages, int testImages, String architecture, int size,
        int depth, int base, int epochs, int finetuneEpochs, int scoringEpochs, double scoringLearningRate,
        double gateSparsity, String scoreScale, long seed, List<Long> seeds, EvaluationReport baseReport,
        double baseTrainSeconds, List<CompareRow> rows, List<MethodSummary> summary) {

    /** A paired comparison's p-value below this is marked with a star in the tables. */
    public static final double SIGNIFICANT = 0.05;

    public String markdown() {
        StringBuilder md = new StringBuilder();
        String baseOrigin = epochs == 0 ? "base model given, not trained here" : "base trained " + epochs + " epochs";
        md.append(String.format(Locale.ROOT, "%s, input %dx%d, depth %d, base %d: %d training images, %d test images; %s,"
                + " every pruned model fine-tuned %d epochs; attention modules trained %d epochs at learning rate %s"
                + " with gate sparsity %s; score scale %s; split seed %d, seeds %s.%n%n", architecture, size, size, depth, base,
                trainImages, testImages, baseOrigin, finetuneEpochs, scoringEpochs, scoringLearningRate, gateSparsity, scoreScale,
                seed, seeds.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")));
        md.append("| method | budget | seed | params left (%) | params | size MB | GFLOPs | dice before FT "
                + "| dice after FT (mean +- SD) | HD95 px | latency ms |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        md.append(String.format(Locale.ROOT, "| unpruned | 1 | %d | 100.00 | %d | %.3f | %.3f | %.4f | %.4f +- %.4f | %.1f | %.1f |%n",
                seeds.get(0), baseReport.params(), baseReport.sizeMb(), baseReport.gflops(), baseReport.diceMean(),
                baseReport.diceMean(), baseReport.diceSd(), baseReport.hd95Mean(), baseReport.latencyMs()));
        for (CompareRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %d | %.2f | %d | %.3f | %.3f | %.4f | %.4f +- %.4f%s | %.1f | %.1f |%n",
                    r.method(), r.budget(), r.seed(), r.paramsPercent(), r.params(), r.sizeMb(), r.gflops(),
                    r.diceBeforeFinetune(), r.diceAfterFinetune(), r.diceSd(), r.warning() == null ? "" : " (!)", r.hd95Mean(),
                    r.latencyMs()));
        }
        rows.stream().filter(r -> r.warning() != null).forEach(r -> md.append(String.format(Locale.ROOT,
                "%n(!) seed %d, %s at %.4g: %s%n", r.seed(), r.method(), r.budget(), r.warning())));
        md.append(String.format(Locale.ROOT, "%nOver the seeds, with each method against l1 and against SE at the same budget on the"
                + " same test images (difference in mean dice, Wilcoxon signed-rank p-value, fraction of images improved; * p < %s):%n%n",
                SIGNIFICANT));
        md.append("| method | budget | seeds | params left (%) | dice before FT | dice after FT (mean +- SD over seeds) | vs l1 | vs SE |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (MethodSummary s : summary) {
            md.append(String.format(Locale.ROOT, "| %s | %.4g | %d | %.2f | %.4f | %.4f +- %.4f%s | %s | %s |%n", s.method(), s.budget(),
                    s.seeds(), s.paramsPercent(), s.diceBeforeMean(), s.diceMean(), s.diceSdOverSeeds(),
                    s.warnings() > 0 ? " (!)" : "", paired(s.versusL1()), paired(s.versusSe())));
        }
        md.append(String.format(Locale.ROOT, "%nDice is the mean over test images (threshold 0.5); HD95 in pixels over the images"
                + " where it is defined. Latency: median of %d batch-1 CPU forward passes, %d thread(s).%n", baseReport.latencyRuns(),
                baseReport.threads()));
        return md.toString();
    }

    private static String paired(PairedComparison p) {
        if (p == null) {
            return "";
        }
        double pValue = p.wilcoxon().pValue();
        return String.format(Locale.ROOT, "%+.4f, p %s%s, %.0f %% better", p.meanDifference(),
                Double.isNaN(pValue) ? "-" : String.format(Locale.ROOT, "%.3g", pValue), pValue < SIGNIFICANT ? "*" : "",
                100 * p.fractionImproved());
    }
}
