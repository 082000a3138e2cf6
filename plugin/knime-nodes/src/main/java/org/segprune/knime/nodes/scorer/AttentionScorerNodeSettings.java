package org.segprune.knime.nodes.scorer;

import org.segprune.knime.nodes.SettingsAdapter;
import org.segprune.node.AttentionScorerSettings;

/** The Attention Scorer's settings (defined by the engine's {@link AttentionScorerSettings}) as settings models. */
final class AttentionScorerNodeSettings extends SettingsAdapter<AttentionScorerSettings> {

    AttentionScorerNodeSettings() {
        super(AttentionScorerSettings.SCHEMA, AttentionScorerSettings::from);
    }
}
