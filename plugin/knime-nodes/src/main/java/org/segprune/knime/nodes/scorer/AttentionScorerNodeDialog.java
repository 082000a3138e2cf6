package org.segprune.knime.nodes.scorer;

import org.segprune.knime.nodes.SettingsPane;

/** Dialog of the Attention Scorer. */
final class AttentionScorerNodeDialog extends SettingsPane {

    AttentionScorerNodeDialog() {
        super(new AttentionScorerNodeSettings());
    }
}
