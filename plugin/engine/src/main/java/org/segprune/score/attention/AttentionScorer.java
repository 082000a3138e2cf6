package org.segprune.score.attention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.data.DatasetNormalization;
import org.segprune.model.SegmentationModel;
import org.segprune.data.Batches;
import org.segprune.data.SampleLoader;
import org.segprune.loss.HeadLoss;
import org.segprune.graph.ChannelGroup;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.FilterScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.ScoringRequest;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Attention scoring (METHOD.md): attach a module to every prunable group's activation, train only the
 * modules with the segmentation loss for a few epochs, then score each filter by its mean gate over
 * the calibration images (the given images, no augmentation). The model itself is not changed.
 */
public final class AttentionScorer implements FilterScorer {

    private final AttentionMethod method;

    public AttentionScorer(AttentionMethod method) {
        this.method = method;
    }

    @Override
    public String name() {
        return method.id();
    }

    @Override
    public String description() {
        return method.description();
    }

    @Override
    public boolean needsData() {
        return true;
    }

    /**
     * Gates with parameters of their own per channel, trained with the sparsity penalty, mean the same
     * across layers. ECA's gate is a function of mean activations through one shared kernel per layer,
     * so its level differs by layer for reasons unrelated to importance: compared raw, ECA emptied whole
     * levels (skin lesions, base-32 U-Net at 1.1 %: dice 0.000, 0.716 when divided by the layer maximum).
     */
    @Override
    public boolean comparableAcrossLayers() {
        return method.hasPerChannelGates();
    }

    @Override
    public ScoreTable score(ScoringRequest request) {
        return scoreAndLearn(request).scores();
    }

    /**
     * The scores and what the modules learned that a report needs.
     *
     * @param sbcaBeta SBCA's learned beta per prunable layer (coupled layers share their group's module);
     *        empty for the other methods. Beta started at {@link GateLayer#INITIAL_BETA}.
     */
    public record Learned(ScoreTable scores, Map<String, Double> sbcaBeta) {
    }

    public Learned scoreAndLearn(ScoringRequest request) {
        if (request.data() == null) {
            throw new SegPruneException("scoring method '" + name() + "' needs images");
        }
        Dl4jRuntime.init();
        // the gates learn with the loss the head trains with (multi-class heads: HeadLoss)
        SegmentationModel model = DatasetNormalization.resolve(request.model(), request.data(), request.progress().silent());
        AttentionGraph attention = AttentionGraph.build(HeadLoss.matching(model), request.channels(), method,
                request.settings());
        SampleLoader loader = SampleLoader.forModel(model.info());
        Batches batches = Batches.inOrder(request.data(), loader, request.settings().batchSize());
        train(attention, batches, request.progress().sub(0, 0.85), request.settings().epochs());
        if (attention.graph().params().isNaN().any()) {
            throw new SegPruneException("training the " + name() + " attention modules diverged (NaN); try a lower scoring"
                    + " learning rate");
        }
        Map<Integer, double[]> gates = meanGates(attention, batches, request.progress().sub(0.85, 1), request.data().size());
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, Double> betas = new LinkedHashMap<>();
        for (String layer : request.channels().prunableLayers()) {
            ChannelGroup group = request.channels().groupOf(layer);
            scores.put(layer, gates.get(group.id()));
            if (method == AttentionMethod.SBCA) {
                String gate = attention.gateOfGroup().get(group.id());
                betas.put(layer, attention.graph().getLayer(gate).getParam(GateLayer.BETA).getDouble(0));
            }
        }
        return new Learned(new ScoreTable(name(), scores), betas);
    }

    private static void train(AttentionGraph attention, Batches batches, Progress progress, int epochs) {
        ComputationGraph graph = attention.graph();
        int total = epochs * batches.batchCount();
        int done = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batches.Batch batch : batches) {
                progress.checkCancelled();
                graph.fit(withSparsityLabels(attention, batch));
                done++;
                progress.report(done / (double) total, String.format(Locale.ROOT, "training attention modules: epoch %d/%d,"
                        + " batch %d/%d, loss %.4f", epoch + 1, epochs, done - epoch * batches.batchCount(),
                        batches.batchCount(), graph.score() * batch.size()));
            }
        }
    }

    /** The segmentation labels plus a zero label for every gate sparsity output. */
    private static MultiDataSet withSparsityLabels(AttentionGraph attention, Batches.Batch batch) {
        List<INDArray> labels = new ArrayList<>();
        labels.add(batch.labels());
        attention.sparsityOutputs().values().forEach(channels -> labels.add(Nd4j.zeros(DataType.FLOAT, batch.size(), channels)));
        return new MultiDataSet(new INDArray[] {batch.features()}, labels.toArray(INDArray[]::new));
    }

    private static Map<Integer, double[]> meanGates(AttentionGraph attention, Batches batches, Progress progress, int images) {
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        int seen = 0;
        for (Batches.Batch batch : batches) {
            progress.checkCancelled();
            Map<String, INDArray> activations = attention.graph().feedForward(batch.features(), false);
            for (Map.Entry<Integer, String> entry : attention.gateOfGroup().entrySet()) {
                INDArray gate = activations.get(entry.getValue()).castTo(DataType.DOUBLE);
                double[] batchSum = gate.sum(0).toDoubleVector();
                double[] sum = sums.computeIfAbsent(entry.getKey(), k -> new double[batchSum.length]);
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += batchSum[c];
                }
            }
            seen += batch.size();
            progress.report(seen / (double) images, "averaging gates over " + seen + " of " + images + " images");
        }
        int count = seen;
        sums.values().forEach(sum -> {
            for (int c = 0; c < sum.length; c++) {
                sum[c] /= count;
            }
        });
        return sums;
    }
}
