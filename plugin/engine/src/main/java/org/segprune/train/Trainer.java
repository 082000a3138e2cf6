package org.segprune.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.segprune.data.DatasetNormalization;
import org.segprune.data.Batches;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.Evaluator;
import org.segprune.loss.HeadLoss;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

/**
 * Trains a copy of a model (base training and fine-tuning alike). The input model is not changed.
 * After every epoch the validation dice decides which weights are kept; training stops early when it
 * has not improved for {@code patience} epochs.
 */
public final class Trainer {

    /** Training images the foreground guard looks at, before and after training. */
    static final int PROBE_IMAGES = 32;

    private Trainer() {
    }

    public static TrainingResult train(SegmentationModel model, SegmentationDataset train, SegmentationDataset validation,
            TrainingSettings settings, String step, Progress progress) {
        Dl4jRuntime.init();
        model = DatasetNormalization.resolve(model, train, progress.silent());
        // a multi-class head trains with its own loss (HeadLoss); binary models keep theirs
        ComputationGraph graph = HeadLoss.matching(model).graph().clone();
        SampleLoader loader = SampleLoader.forModel(model.info());
        Batches batches = Batches.shuffled(train, loader, settings.batchSize(), settings.seed(), settings.flip());
        Batches.Batch probeBatch = Batches.inOrder(train, loader, PROBE_IMAGES).iterator().next();
        List<String> warnings = new ArrayList<>();
        // the foreground guard moves a single sigmoid logit; multi-class heads are left as they are
        boolean guarded = !model.info().multiClass();
        String startFix = guarded ? leaveAllBackground(graph, probeBatch, step, progress) : "";
        List<EpochRecord> curve = new ArrayList<>();
        INDArray best = null;
        int bestEpoch = 0;
        double bestDice = Double.NEGATIVE_INFINITY;
        double bestLoss = Double.POSITIVE_INFINITY;
        double bestShift = 0; // the head-bias shift of the kept weights when they were judged at the guard's operating point
        long start = System.nanoTime();
        int totalBatches = settings.epochs() * batches.batchCount();
        int done = 0;
        long fitNanos = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            double lr = settings.learningRateAt(epoch);
            graph.setLearningRate(lr);
            double lossSum = 0;
            int batchIndex = 0;
            for (Batches.Batch batch : batches) {
                progress.checkCancelled();
                long fitStart = System.nanoTime();
                graph.fit(new DataSet(batch.features(), batch.labels()));
                fitNanos += System.nanoTime() - fitStart;
                // DL4J divides the loss function's value by the mini-batch size; report the loss itself.
                lossSum += graph.score() * batch.size();
                batchIndex++;
                done++;
                double elapsed = (System.nanoTime() - start) / 1e9;
                double eta = elapsed / done * (totalBatches - done);
                progress.report(done / (double) totalBatches, String.format(Locale.ROOT,
                        "epoch %d/%d batch %d/%d loss %.4f, ETA %s", epoch + 1, settings.epochs(), batchIndex,
                        batches.batchCount(), lossSum / batchIndex, formatSeconds(eta)));
            }
            double dice = Double.NaN;
            double loss = lossSum / Math.max(1, batchIndex);
            if (validation != null) {
                dice = Evaluator.meanDice(graph, model.info(), validation, loader, settings.batchSize(), progress.silent());
                INDArray candidate = null;
                double shift = 0;
                if (guarded && dice <= 0 && ForegroundGuard.hasAdjustableHead(graph)) {
                    // All background as evaluation sees it, though training (batch statistics) may already segment:
                    // judge the epoch at the guard's operating point, so that model choice and early stopping are not
                    // blind (issue 16: SACA at 1.1 % showed validation dice 0 in all 8 epochs, then 0.834 on the test
                    // images after the end step). Training goes on from its own weights.
                    INDArray trained = graph.params().dup();
                    double moved = ForegroundGuard.recalibrateHead(graph, probeBatch, false);
                    double calibrated = Evaluator.meanDice(graph, model.info(), validation, loader, settings.batchSize(),
                            progress.silent());
                    if (calibrated > dice) {
                        dice = calibrated;
                        shift = moved;
                        candidate = graph.params().dup();
                    }
                    graph.setParams(trained);
                }
                // Until the model finds any foreground (dice 0), a falling loss is progress too: a pruned
                // model may need several epochs before its first true positive.
                boolean improved = dice > bestDice || (dice <= 0 && bestDice <= 0 && loss < bestLoss);
                if (improved) {
                    bestDice = Math.max(dice, bestDice);
                    bestLoss = Math.min(loss, bestLoss);
                    bestEpoch = epoch + 1;
                    best = candidate != null ? candidate : graph.params().dup();
                    bestShift = shift;
                }
            }
            curve.add(new EpochRecord(epoch + 1, lossSum / Math.max(1, batchIndex), dice, lr,
                    (System.nanoTime() - epochStart) / 1e9));
            progress.milestone(done / (double) totalBatches, String.format(Locale.ROOT, "epoch %d/%d loss %.4f validation dice %.4f",
                    epoch + 1, settings.epochs(), lossSum / Math.max(1, batchIndex), dice));
            if (validation != null && epoch + 1 - bestEpoch >= settings.patience()) {
                break;
            }
        }
        if (best != null) {
            graph.setParams(best);
        } else {
            bestEpoch = curve.size();
        }
        ForegroundGuard.Probe end = guarded ? ForegroundGuard.probe(graph, probeBatch) : null;
        String endFix = bestShift == 0 ? "" : String.format(Locale.ROOT, "; best epoch judged all background as "
                + "evaluation sees it, kept with the head bias moved by %+.3f", bestShift);
        if (guarded && end.allBackground() && ForegroundGuard.hasAdjustableHead(graph)) {
            // Trained, yet all background as evaluation sees it (batch norms with running statistics): its
            // logits still rank the pixels, so the head's bias is moved for inference as the start moved it
            // for training (issue 16: SACA at 1.1 % on the base-16 U-Net at 128x128 ended 0.01 below).
            double shift = ForegroundGuard.recalibrateHead(graph, probeBatch, false);
            endFix += String.format(Locale.ROOT, "; ended all background (%s), head bias moved by %+.3f", end.describe(),
                    shift);
            progress.milestone(1, step + ": the model" + endFix.substring(1));
            if (validation != null) {
                bestDice = Evaluator.meanDice(graph, model.info(), validation, loader, settings.batchSize(), progress.silent());
            }
            end = ForegroundGuard.probe(graph, probeBatch);
        }
        if ((guarded && end.allBackground()) || (validation != null && bestDice <= 0)) {
            String warning = String.format(Locale.ROOT, "%s model predicts no foreground after %d epoch(s): %s. More epochs, a"
                    + " larger learning rate or a larger parameter budget may help", step, curve.size(),
                    guarded ? end.describe() : "validation dice " + bestDice);
            warnings.add(warning);
            progress.warn(warning);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int imagesSeen = curve.size() * train.size();
        String provenance = String.format(Locale.ROOT, "%s: %d epoch(s) on %d images, best epoch %d, validation dice %.4f",
                step, curve.size(), train.size(), bestEpoch, bestDice) + startFix + endFix;
        return new TrainingResult(new SegmentationModel(graph, model.info().with(provenance)), List.copyOf(curve), bestEpoch,
                validation == null ? Double.NaN : bestDice, seconds, fitNanos / 1e9 / imagesSeen, List.copyOf(warnings));
    }

    /**
     * A heavily pruned model can start out predicting no foreground at all; then the dice term of the
     * loss is flat and Adam's bounded steps may not bring the head's logits above the threshold within
     * the epochs given (issue 16, docs/method.md). The head's bias is moved so that the model predicts
     * the masks' foreground share from the start. Returns the note for the provenance ("" if nothing
     * was done).
     */
    private static String leaveAllBackground(ComputationGraph graph, Batches.Batch probeBatch, String step, Progress progress) {
        // Training mode: what the optimiser starts from (stale running statistics of a pruned model can make it
        // look all background in inference mode only; moving the head then puts it far off in training).
        ForegroundGuard.Probe start = ForegroundGuard.probe(graph, probeBatch, true);
        if (!start.allBackground() || !ForegroundGuard.hasAdjustableHead(graph)) {
            return "";
        }
        double shift = ForegroundGuard.recalibrateHead(graph, probeBatch, true);
        String note = String.format(Locale.ROOT, "; started all background (%s), head bias moved by %+.3f", start.describe(), shift);
        progress.milestone(0, step + ": the model" + note.substring(1));
        return note;
    }

    static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
