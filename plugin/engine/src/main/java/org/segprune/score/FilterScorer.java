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

    /** Scores every filter of every prunable layer of {@code request.channels()}. */
    ScoreTable score(ScoringRequest request);
}
