package org.segprune.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.segprune.report.PlotData.BudgetResult;
import org.segprune.report.PlotData.ChannelProfile;
import org.segprune.report.PlotData.Curve;
import org.segprune.stats.Summary;
import org.segprune.train.EpochRecord;
import org.segprune.util.AtomicFiles;
import org.segprune.util.SegPruneException;

/**
 * The comparison's figures as PNG files (XChart, rendered off-screen), each written atomically. Bad
 * input (nothing to plot, an empty series, a size below {@link #MIN_SIZE}) is a one-line error naming
 * the plot before anything is drawn.
 */
public final class Plots {

    public static final int MIN_SIZE = 200;

    private Plots() {
    }

    /**
     * Dice after fine-tuning against the fraction of parameters left (log x), one line per method; each
     * point is the mean over seeds at one budget, its error bar the seeds' SD (0 for a single seed).
     */
    public static void diceAgainstParameters(List<BudgetResult> results, Path png, int width, int height) {
        String plot = "dice against parameters left";
        checkSize(plot, width, height);
        Map<String, List<BudgetResult>> byMethod = byMethod(plot, results);
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Dice after fine-tuning vs parameters left")
                .xAxisTitle("parameters left (% of the base model, log scale)").yAxisTitle("dice (mean +- SD over seeds)")
                .build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setDecimalPattern("0.###");
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (Map.Entry<String, List<BudgetResult>> method : byMethod.entrySet()) {
            Map<Double, List<BudgetResult>> byBudget = new TreeMap<>();
            for (BudgetResult r : method.getValue()) {
                if (!(r.paramsLeft() > 0 && r.paramsLeft() <= 1)) {
                    throw new SegPruneException("plot '" + plot + "': method '" + r.method() + "' at budget " + r.budget()
                            + " has parameters left " + r.paramsLeft() + ", outside (0, 1]");
                }
                byBudget.computeIfAbsent(r.budget(), b -> new ArrayList<>()).add(r);
            }
            int n = byBudget.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] spread = new double[n];
            int i = 0;
            for (List<BudgetResult> seeds : byBudget.values()) {
                x[i] = 100 * Summary.mean(seeds.stream().mapToDouble(BudgetResult::paramsLeft).toArray());
                double[] dice = seeds.stream().mapToDouble(BudgetResult::diceAfter).toArray();
                y[i] = Summary.mean(dice);
                spread[i] = Summary.sd(dice);
                i++;
            }
            chart.addSeries(method.getKey(), x, y, spread);
            lowest = Math.min(lowest, java.util.Arrays.stream(x).min().orElseThrow());
            highest = Math.max(highest, java.util.Arrays.stream(x).max().orElseThrow());
        }
        // XChart labels a log axis at powers of ten only: span whole decades so that at least two are labelled
        chart.getStyler().setXAxisMin(Math.pow(10, Math.floor(Math.log10(lowest))));
        chart.getStyler().setXAxisMax(Math.pow(10, Math.max(Math.ceil(Math.log10(highest)), Math.floor(Math.log10(lowest)) + 1)));
        write(plot, chart, png);
    }

    /** Dice before fine-tuning (x) against after (y), every pruned model a point, one colour per method. */
    public static void diceBeforeAndAfterFineTuning(List<BudgetResult> results, Path png, int width, int height) {
        String plot = "dice before and after fine-tuning";
        checkSize(plot, width, height);
        Map<String, List<BudgetResult>> byMethod = byMethod(plot, results);
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Dice before vs after fine-tuning")
                .xAxisTitle("dice of the pruned model before fine-tuning").yAxisTitle("dice after fine-tuning").build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        for (Map.Entry<String, List<BudgetResult>> method : byMethod.entrySet()) {
            chart.addSeries(method.getKey(), method.getValue().stream().mapToDouble(BudgetResult::diceBefore).toArray(),
                    method.getValue().stream().mapToDouble(BudgetResult::diceAfter).toArray());
        }
        XYSeries diagonal = chart.addSeries("no change", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        write(plot, chart, png);
    }

    /** Fraction of each prunable layer's channels kept, per layer (network order), one bar per method. */
    public static void keptChannelProfile(List<ChannelProfile> profiles, Path png, int width, int height) {
        String plot = "kept-channel profile";
        checkSize(plot, width, height);
        if (profiles == null || profiles.isEmpty()) {
            throw new SegPruneException("plot '" + plot + "': no channel profiles to plot");
        }
        List<String> layers = profiles.get(0).layers();
        for (ChannelProfile p : profiles) {
            if (p.layers().isEmpty()) {
                throw new SegPruneException("plot '" + plot + "': method '" + p.method() + "' has no layers");
            }
            if (!p.layers().equals(layers) || p.kept().length != layers.size() || p.before().length != layers.size()) {
                throw new SegPruneException("plot '" + plot + "': method '" + p.method() + "' does not list the same "
                        + layers.size() + " layers as '" + profiles.get(0).method() + "' with one count each");
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title("Channels kept per layer")
                .xAxisTitle("prunable layer").yAxisTitle("fraction of channels kept").build();
        style(chart);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setOverlapped(false);
        for (ChannelProfile p : profiles) {
            List<Double> fractions = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                fractions.add(p.kept()[i] / (double) p.before()[i]);
            }
            chart.addSeries(p.method(), layers, fractions);
        }
        write(plot, chart, png);
    }

    /** Validation dice per epoch, one line per run. */
    public static void learningCurves(List<Curve> curves, Path png, int width, int height) {
        String plot = "learning curves";
        checkSize(plot, width, height);
        if (curves == null || curves.isEmpty()) {
            throw new SegPruneException("plot '" + plot + "': no curves to plot");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Learning curves")
                .xAxisTitle("epoch").yAxisTitle("validation dice").build();
        style(chart);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (Curve curve : curves) {
            if (curve.epochs().isEmpty()) {
                throw new SegPruneException("plot '" + plot + "': curve '" + curve.label() + "' has no epochs");
            }
            chart.addSeries(curve.label(), curve.epochs().stream().mapToDouble(EpochRecord::epoch).toArray(),
                    curve.epochs().stream().mapToDouble(EpochRecord::validationDice).toArray());
        }
        write(plot, chart, png);
    }

    private static Map<String, List<BudgetResult>> byMethod(String plot, List<BudgetResult> results) {
        if (results == null || results.isEmpty()) {
            throw new SegPruneException("plot '" + plot + "': no results to plot");
        }
        Map<String, List<BudgetResult>> byMethod = new LinkedHashMap<>();
        results.forEach(r -> byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r));
        return byMethod;
    }

    private static void checkSize(String plot, int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new SegPruneException(String.format(Locale.ROOT, "plot '%s': size %dx%d is below the minimum %dx%d",
                    plot, width, height, MIN_SIZE, MIN_SIZE));
        }
    }

    private static void style(Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setAntiAlias(true);
    }

    private static void write(String plot, Chart<?, ?> chart, Path png) {
        byte[] bytes;
        try {
            bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (java.io.IOException e) {
            throw new SegPruneException("plot '" + plot + "': cannot render PNG: " + e.getMessage(), e);
        }
        AtomicFiles.writeStream(png, out -> out.write(bytes));
    }
}
