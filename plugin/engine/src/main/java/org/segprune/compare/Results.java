package org.segprune.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.segprune.data.SegmentationDataset;
import org.segprune.prune.PrunePlan;
import org.segprune.report.PlotData;
import org.segprune.report.Plots;
import org.segprune.stats.PairedComparison;
import org.segprune.stats.Summary;

/** The comparison's table, statistics and figures, read back from the run log once every row is there. */
final class Results {

    static final String PLOTS = "plots";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private Results() {
    }

    static CompareResult of(CompareSettings settings, SegmentationDataset data, SegmentationDataset test, int trainImages,
            int testImages, RunLog log) {
        List<Long> seeds = settings.seeds();
        RunLog.BaseEntry first = log.base(seeds.get(0));
        List<CompareRow> rows = new ArrayList<>();
        for (long seed : seeds) {
            for (String method : settings.methods()) {
                for (double budget : settings.budgets()) {
                    rows.add(log.row(seed, method, budget).row());
                }
            }
        }
        List<MethodSummary> summary = new ArrayList<>();
        List<RunLog.BaseEntry> bases = seeds.stream().map(log::base).toList();
        double[] baseDice = bases.stream().mapToDouble(b -> b.report().diceMean()).toArray();
        summary.add(new MethodSummary("unpruned", 1, seeds.size(), 100, Summary.mean(baseDice), Summary.mean(baseDice),
                Summary.sd(baseDice), Summary.mean(bases.stream().mapToDouble(b -> b.report().hd95Mean()).toArray()), 0, null,
                null));
        for (String method : settings.methods()) {
            for (double budget : settings.budgets()) {
                List<RunLog.RowEntry> entries = seeds.stream().map(seed -> log.row(seed, method, budget)).toList();
                double[] after = entries.stream().mapToDouble(e -> e.row().diceAfterFinetune()).toArray();
                summary.add(new MethodSummary(method, budget, seeds.size(),
                        Summary.mean(entries.stream().mapToDouble(e -> e.row().paramsPercent()).toArray()),
                        Summary.mean(entries.stream().mapToDouble(e -> e.row().diceBeforeFinetune()).toArray()),
                        Summary.mean(after), Summary.sd(after),
                        Summary.mean(entries.stream().mapToDouble(e -> e.row().hd95Mean()).toArray()),
                        (int) entries.stream().filter(e -> e.row().warning() != null).count(),
                        versus(settings, log, method, budget, "l1"), versus(settings, log, method, budget, "se")));
            }
        }
        return new CompareResult(data.root().toString(), test == null ? null : test.root().toString(), trainImages, testImages,
                first.report().architecture(), settings.size(), settings.depth(), settings.base(),
                first.curve().isEmpty() ? 0 : settings.training().epochs(),
                settings.finetuning().epochs(), settings.scoring().epochs(), settings.scoring().learningRate(),
                settings.scoring().gateSparsity(), settings.scoreScale().id(), settings.training().seed(), seeds, first.report(),
                first.trainSeconds(), List.copyOf(rows), List.copyOf(summary));
    }

    /** The method against {@code reference} per test image (each image's dice averaged over the seeds). */
    private static PairedComparison versus(CompareSettings settings, RunLog log, String method, double budget,
            String reference) {
        if (method.equals(reference) || !settings.methods().contains(reference)) {
            return null;
        }
        return PairedComparison.of(imageMeans(settings, log, method, budget), imageMeans(settings, log, reference, budget),
                true);
    }

    private static double[] imageMeans(CompareSettings settings, RunLog log, String method, double budget) {
        double[] sum = null;
        for (long seed : settings.seeds()) {
            double[] dice = log.row(seed, method, budget).imageDice();
            sum = sum == null ? new double[dice.length] : sum;
            for (int i = 0; i < dice.length; i++) {
                sum[i] += dice[i] / settings.seeds().size();
            }
        }
        return sum;
    }

    /**
     * The figures, in {@code folder}/{@value #PLOTS}: dice against parameters left with the seeds' spread,
     * dice before and after fine-tuning, the first seed's kept-channel profile of each method at the
     * smallest budget, and the first seed's learning curves (base training and the fine-tuning at the
     * smallest budget).
     */
    static void writeFigures(CompareSettings settings, RunLog log, Path folder) {
        Path plots = folder.resolve(PLOTS);
        List<PlotData.BudgetResult> points = new ArrayList<>();
        for (long seed : settings.seeds()) {
            for (String method : settings.methods()) {
                for (double budget : settings.budgets()) {
                    CompareRow row = log.row(seed, method, budget).row();
                    points.add(new PlotData.BudgetResult(method, budget, seed, row.paramsPercent() / 100,
                            row.diceBeforeFinetune(), row.diceAfterFinetune()));
                }
            }
        }
        long seed = settings.seeds().get(0);
        double smallest = Collections.min(settings.budgets());
        List<PlotData.ChannelProfile> profiles = new ArrayList<>();
        List<PlotData.Curve> curves = new ArrayList<>();
        RunLog.BaseEntry base = log.base(seed);
        if (!base.curve().isEmpty()) {
            curves.add(new PlotData.Curve("base model", base.curve()));
        }
        for (String method : settings.methods()) {
            RunLog.RowEntry entry = log.row(seed, method, smallest);
            List<PrunePlan.LayerPlan> layers = entry.layers();
            profiles.add(new PlotData.ChannelProfile(method, layers.stream().map(PrunePlan.LayerPlan::layer).toList(),
                    layers.stream().mapToInt(PrunePlan.LayerPlan::channelsAfter).toArray(),
                    layers.stream().mapToInt(PrunePlan.LayerPlan::channelsBefore).toArray()));
            curves.add(new PlotData.Curve(String.format(Locale.ROOT, "%s at %.3g", method, smallest), entry.curve()));
        }
        Plots.diceAgainstParameters(points, plots.resolve("dice-vs-params.png"), WIDTH, HEIGHT);
        Plots.diceBeforeAndAfterFineTuning(points, plots.resolve("dice-before-after.png"), WIDTH, HEIGHT);
        Plots.keptChannelProfile(profiles, plots.resolve("kept-channels.png"), WIDTH, HEIGHT);
        Plots.learningCurves(curves, plots.resolve("learning-curves.png"), WIDTH, HEIGHT);
    }
}
