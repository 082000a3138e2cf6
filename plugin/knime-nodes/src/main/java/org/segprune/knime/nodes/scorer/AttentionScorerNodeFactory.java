package org.segprune.knime.nodes.scorer;

import org.knime.core.node.NodeDialogPane;
import org.segprune.knime.nodes.SegPruneNodeFactory;

/** Factory of the Attention Scorer; its description is AttentionScorerNodeFactory.xml. */
public final class AttentionScorerNodeFactory extends SegPruneNodeFactory<AttentionScorerNodeModel> {

    @Override
    public AttentionScorerNodeModel createNodeModel() {
        return new AttentionScorerNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new AttentionScorerNodeDialog();
    }
}
