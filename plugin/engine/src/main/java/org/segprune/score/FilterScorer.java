package org.segprune.score;

/**
 * A filter importance score: one class per method, all behind this interface. Scorers are pure:
 * they never change the model they score.
 */
public interface FilterScorer {

    /** Short name used on the command line and in tables, e.g. "l1". */
    String name();

    /** One sentence for users: what the score measures. */
    String description();

    /** Whether the score needs images (attention scores) or only weights (magnitude scores). */
    boolean needsData();

    /**
     * Whether scores of different layers are on one scale already (per-channel attention gates all lie
     * in (0,1), start at 0.5 and sink when unneeded), so a global budget can compare them as they are.
     * Magnitude scores are not: a layer's weight norms depend on its fan-in and initialisation.
     */
    default boolean comparableAcrossLayers() {
        return false;
    }

    /** Scores every filter of every prunable layer of {@code request.channels()}. */
    ScoreTable score(ScoringRequest request);
}
