package org.segprune.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.segprune.data.DatasetNormalization;
import org.segprune.data.Batches;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.graph.InferenceForm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.segprune.model.ClassMaps;
import org.segprune.model.ModelInfo;
import org.segprune.model.OutputHead;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.ComputeDevice;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.runtime.ForwardPass;
import org.segprune.runtime.InferenceRuntime;
import org.segprune.stats.Summary;
import org.segprune.util.Progress;

/** Runs a model over a data set and computes METHOD.md's metrics, sizes, cost and latency. */
public final class Evaluator {

    public static final double THRESHOLD = 0.5;

    private Evaluator() {
    }

    /** One image's prediction, for callers that render overlays. */
    public record Prediction(String stem, float[][] image, float[] mask, float[] probability, int size) {
    }

    /** Receives every prediction in data set order. */
    @FunctionalInterface
    public interface PredictionSink {
        void accept(Prediction prediction);
    }

    /** The report and the per-image rows. */
    public record Result(EvaluationReport report, List<ImageMetrics> images) {
    }

    /** Mean per-image dice: the validation score used during training. */
    public static double meanDice(ComputationGraph graph, ModelInfo info, SegmentationDataset data, SampleLoader loader,
            int batchSize, Progress progress) {
        List<ImageMetrics> metrics = predict(ForwardPass.of(graph), info, data, loader, batchSize, progress, null);
        if (info.multiClass()) {
            return metrics.stream().mapToDouble(PerClassReport::meanForegroundDice).average().orElse(Double.NaN);
        }
        return metrics.stream().mapToDouble(m -> m.confusion().dice()).average().orElse(Double.NaN);
    }

    /** {@link #evaluate(SegmentationModel, String, SegmentationDataset, int, int, InferenceRuntime, int, Progress, PredictionSink)} in DL4J. */
    public static Result evaluate(SegmentationModel model, String modelName, SegmentationDataset data, int batchSize,
            int latencyRuns, Progress progress, PredictionSink sink) {
        return evaluate(model, modelName, data, batchSize, latencyRuns, InferenceRuntime.DL4J, 0, progress, sink);
    }

    /**
     * Predictions and latency in {@code runtime}, on the model's inference form (batch norms folded); sizes are the
     * model's own.
     *
     * @param threads the thread-count setting, 0 for every core: ONNX Runtime's intra-op threads (DL4J's come from the
     *                calling thread, {@link InferenceRuntime#threads(int)})
     */
    public static Result evaluate(SegmentationModel model, String modelName, SegmentationDataset data, int batchSize,
            int latencyRuns, InferenceRuntime runtime, int threads, Progress progress, PredictionSink sink) {
        Dl4jRuntime.init();
        model = DatasetNormalization.resolve(model, data, progress.silent());
        SampleLoader loader = SampleLoader.forModel(model.info());
        SegmentationModel inference = InferenceForm.of(model);
        List<ImageMetrics> images;
        double latency;
        try (ForwardPass pass = runtime.open(inference, threads, progress.sub(0, 0.05))) {
            images = predict(pass, model.info(), data, loader, batchSize, progress.sub(0.05, 0.7), sink);
            latency = Latency.medianMillis(pass, model.info().inputShape(), latencyRuns, progress.sub(0.7, 1));
        }
        ModelStats stats = ModelStats.of(model);
        ComputeDevice device = ComputeDevice.of(runtime);
        Confusion pooled = images.stream().map(ImageMetrics::confusion).reduce(new Confusion(0, 0, 0, 0), Confusion::plus);
        EvaluationReport report = new EvaluationReport(modelName, model.info().architecture(), images.size(),
                model.info().inputShape(), THRESHOLD, EvaluationReport.AGGREGATION,
                mean(images, Confusion::dice), sd(images, Confusion::dice), pooled.dice(),
                mean(images, Confusion::iou), sd(images, Confusion::iou), pooled.iou(),
                mean(images, Confusion::precision), sd(images, Confusion::precision), pooled.precision(),
                mean(images, Confusion::recall), sd(images, Confusion::recall), pooled.recall(),
                mean(images, Confusion::specificity), sd(images, Confusion::specificity), pooled.specificity(),
                mean(images, Confusion::accuracy), sd(images, Confusion::accuracy), pooled.accuracy(),
                boundaryMean(images, SurfaceDistances::hd95), boundarySd(images, SurfaceDistances::hd95),
                boundaryMean(images, SurfaceDistances::assd), boundarySd(images, SurfaceDistances::assd),
                (int) images.stream().filter(m -> !m.boundary().defined()).count(),
                stats.params(), stats.paramsWithBnStats(), stats.sizeMb(), stats.fileSizeMb(), stats.macs(), stats.gflops(),
                latency, Latency.timedRuns(latencyRuns), runtime.threads(threads),
                runtime.id(), device.backend(), device.name(), model.info().provenance(),
                model.info().multiClass() ? PerClassReport.of(model.info().classCount(), images) : null);
        return new Result(report, images);
    }

    /**
     * Per-image metrics of the foreground probability the model's head gives ({@link OutputHead}); for a
     * multi-class model, of its class maps ({@link ClassMaps}): foreground (any class) against background,
     * and every foreground class on its own.
     */
    private static List<ImageMetrics> predict(ForwardPass pass, ModelInfo info, SegmentationDataset data,
            SampleLoader loader, int batchSize, Progress progress, PredictionSink sink) {
        List<ImageMetrics> metrics = new ArrayList<>();
        int plane = loader.size() * loader.size();
        for (Batches.Batch batch : Batches.inOrder(data, loader, batchSize)) {
            progress.checkCancelled();
            INDArray output = pass.output(batch.features());
            ClassMaps classes = info.multiClass() ? ClassMaps.of(output, info) : null;
            float[] probabilities = classes == null ? OutputHead.foreground(output, info) : anyForeground(classes.labels());
            float[] masks = classes == null ? batch.masks() : anyForeground(batch.masks());
            float[] features = sink == null ? null : batch.features().dup('c').data().asFloat();
            for (int i = 0; i < batch.size(); i++) {
                Confusion confusion = Confusion.of(probabilities, i * plane, masks, i * plane, plane, THRESHOLD);
                double foreground = (confusion.tp() + confusion.fn()) / (double) plane;
                SurfaceDistances boundary = SurfaceDistances.of(probabilities, i * plane, masks, i * plane, loader.size(),
                        loader.size(), THRESHOLD);
                List<ClassMetrics> perClass = new ArrayList<>();
                for (int c = 1; classes != null && c < classes.classes(); c++) {
                    perClass.add(ClassMetrics.of(c, classes.predicted()[c], batch.masks(), i * plane, loader.size()));
                }
                metrics.add(new ImageMetrics(batch.stems().get(i), confusion, foreground, boundary, perClass));
                if (sink != null) {
                    float[][] image = new float[loader.channels()][];
                    for (int c = 0; c < loader.channels(); c++) {
                        int offset = (i * loader.channels() + c) * plane;
                        image[c] = java.util.Arrays.copyOfRange(features, offset, offset + plane);
                    }
                    sink.accept(new Prediction(batch.stems().get(i), image,
                            java.util.Arrays.copyOfRange(masks, i * plane, (i + 1) * plane),
                            java.util.Arrays.copyOfRange(probabilities, i * plane, (i + 1) * plane), loader.size()));
                }
            }
            progress.report(metrics.size() / (double) data.size(), "predicted " + metrics.size() + " of " + data.size() + " images");
        }
        return metrics;
    }

    /** 1 where a class map (labels or mask) holds any foreground class. */
    private static float[] anyForeground(int[] labels) {
        float[] out = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] > 0 ? 1 : 0;
        }
        return out;
    }

    private static float[] anyForeground(float[] mask) {
        float[] out = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] > 0 ? 1 : 0;
        }
        return out;
    }

    private static double mean(List<ImageMetrics> images, ToDoubleFunction<Confusion> metric) {
        return Summary.mean(images.stream().mapToDouble(m -> metric.applyAsDouble(m.confusion())).toArray());
    }

    private static double sd(List<ImageMetrics> images, ToDoubleFunction<Confusion> metric) {
        return Summary.sd(images.stream().mapToDouble(m -> metric.applyAsDouble(m.confusion())).toArray());
    }

    /** Over the images where the boundary metric is defined (NaN if none is). */
    private static double boundaryMean(List<ImageMetrics> images, ToDoubleFunction<SurfaceDistances> metric) {
        return Summary.mean(definedBoundaries(images, metric));
    }

    private static double boundarySd(List<ImageMetrics> images, ToDoubleFunction<SurfaceDistances> metric) {
        return Summary.sd(definedBoundaries(images, metric));
    }

    private static double[] definedBoundaries(List<ImageMetrics> images, ToDoubleFunction<SurfaceDistances> metric) {
        return images.stream().map(ImageMetrics::boundary).filter(SurfaceDistances::defined).mapToDouble(metric).toArray();
    }
}
