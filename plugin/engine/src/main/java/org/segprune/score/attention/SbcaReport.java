package org.segprune.score.attention;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segprune.score.ScoreTable;
import org.segprune.stats.Spearman;
import org.segprune.util.Json;
import org.segprune.util.SegPruneException;

/**
 * Whether SBCA is a method of its own (METHOD.md, revised): per prunable layer, the Spearman rank
 * correlation of SBCA's scores with SE's on the same model and data, and how far SBCA's beta moved from
 * its start. Written as JSON beside the SBCA scores ({@link #besideScores}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SbcaReport(double initialBeta, List<Layer> layers) {

    /**
     * @param spearman rank correlation of the layer's SBCA and SE scores (1: the same ranking; NaN when
     *        either is constant)
     * @param betaMoved learned beta minus the initial beta
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Layer(String layer, int channels, double spearman, double beta, double betaMoved) {
    }

    /**
     * @param sbca, se scores of the same model's prunable layers
     * @param sbcaBeta learned beta per layer ({@link AttentionScorer.Learned#sbcaBeta()})
     */
    public static SbcaReport of(ScoreTable sbca, ScoreTable se, Map<String, Double> sbcaBeta) {
        if (!sbca.layers().equals(se.layers())) {
            throw new SegPruneException("SBCA and SE scores cover different layers (" + sbca.layers() + " vs " + se.layers()
                    + "): score the same model");
        }
        List<Layer> layers = new ArrayList<>();
        for (String layer : sbca.layers()) {
            double[] a = sbca.scores(layer);
            double[] b = se.scores(layer);
            if (a.length != b.length) {
                throw new SegPruneException("layer '" + layer + "' has " + a.length + " SBCA scores but " + b.length
                        + " SE scores: score the same model");
            }
            Double beta = sbcaBeta.get(layer);
            if (beta == null) {
                throw new SegPruneException("no learned SBCA beta for layer '" + layer + "'");
            }
            layers.add(new Layer(layer, a.length, Spearman.correlation(a, b), beta, beta - GateLayer.INITIAL_BETA));
        }
        return new SbcaReport(GateLayer.INITIAL_BETA, layers);
    }

    /** "scores.csv" -> "scores.sbca-vs-se.json" in the same folder. */
    public static Path besideScores(Path sbcaScores) {
        String name = sbcaScores.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return sbcaScores.resolveSibling(stem + ".sbca-vs-se.json");
    }

    /** Written atomically. */
    public void write(Path file) {
        Json.write(file, this);
    }
}
