package org.segprune.knime.nodes.evaluator;

import org.knime.core.node.NodeDialogPane;
import org.segprune.knime.nodes.SegPruneNodeFactory;

/** Factory of the Segmentation Evaluator; its description is EvaluatorNodeFactory.xml. */
public final class EvaluatorNodeFactory extends SegPruneNodeFactory<EvaluatorNodeModel> {

    @Override
    public EvaluatorNodeModel createNodeModel() {
        return new EvaluatorNodeModel();
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new EvaluatorNodeDialog();
    }
}
