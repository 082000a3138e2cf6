package org.segprune.knime.nodes.finetuner;

import org.knime.core.node.NodeDialogPane;
import org.segprune.knime.nodes.SegPruneNodeFactory;

/** Factory of the Fine-Tuner; its description is FineTunerNodeFactory.xml. */
public final class FineTunerNodeFactory extends SegPruneNodeFactory<FineTunerNodeModel> {

    @Override
    public FineTunerNodeModel createNodeModel() {
        return new FineTunerNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new FineTunerNodeDialog();
    }
}
