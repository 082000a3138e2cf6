package org.segprune.evaluate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The evaluation report (JSON). "_mean" and "_sd" are over images (each image's own metric), "_pooled"
 * counts all pixels of all images together. hd95 and assd (pixels, {@link SurfaceDistances}) are over the
 * images where they are defined; "boundary_undefined" counts the others (exactly one of mask and prediction
 * empty). "runtime" is the one the predictions and latency ran in (dl4j, onnxruntime), "backend" its compute backend
 * (cpu, gpu) and "device" what that backend computed on.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder(alphabetic = false)
public record EvaluationReport(
        String model,
        String architecture,
        int images,
        long[] inputShape,
        double threshold,
        String aggregation,
        double diceMean, double diceSd, double dicePooled,
        double iouMean, double iouSd, double iouPooled,
        double precisionMean, double precisionSd, double precisionPooled,
        double recallMean, double recallSd, double recallPooled,
        double specificityMean, double specificitySd, double specificityPooled,
        double accuracyMean, double accuracySd, double accuracyPooled,
        double hd95Mean, double hd95Sd, double assdMean, double assdSd, int boundaryUndefined,
        long params, long paramsWithBnStats, double sizeMb, double fileSizeMb, long macs, double gflops,
        double latencyMs, int latencyRuns, int threads,
        String runtime, String backend, String device,
        List<String> provenance) {

    public static final String AGGREGATION = "_mean/_sd: over images (per-image metric); _pooled: over all pixels of all images";
}
