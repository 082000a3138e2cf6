package org.segprune.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The evaluation report (JSON). A multi-class model's report adds the {@code per_class} block ({@link PerClassReport});
 * its top-level figures are those of foreground (any class) against background. "_mean" and "_sd" are over images (each image's own metric), "_pooled"
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
        List<String> provenance,
        @JsonInclude(JsonInclude.Include.NON_NULL) PerClassReport perClass) {

    /** A binary model's report (no per-class block). */
    public EvaluationReport(String model, String architecture, int images, long[] inputShape, double threshold,
            String aggregation, double diceMean, double diceSd, double dicePooled, double iouMean, double iouSd,
            double iouPooled, double precisionMean, double precisionSd, double precisionPooled, double recallMean,
            double recallSd, double recallPooled, double specificityMean, double specificitySd, double specificityPooled,
            double accuracyMean, double accuracySd, double accuracyPooled, double hd95Mean, double hd95Sd, double assdMean,
            double assdSd, int boundaryUndefined, long params, long paramsWithBnStats, double sizeMb, double fileSizeMb,
            long macs, double gflops, double latencyMs, int latencyRuns, int threads, String runtime, String backend,
            String device, List<String> provenance) {
        this(model, architecture, images, inputShape, threshold, aggregation, diceMean, diceSd, dicePooled, iouMean, iouSd,
                iouPooled, precisionMean, precisionSd, precisionPooled, recallMean, recallSd, recallPooled, specificityMean,
                specificitySd, specificityPooled, accuracyMean, accuracySd, accuracyPooled, hd95Mean, hd95Sd, assdMean,
                assdSd, boundaryUndefined, params, paramsWithBnStats, sizeMb, fileSizeMb, macs, gflops, latencyMs,
                latencyRuns, threads, runtime, backend, device, provenance, null);
    }

    public static final String AGGREGATION = "_mean/_sd: over images (per-image metric); _pooled: over all pixels of all images";
}
