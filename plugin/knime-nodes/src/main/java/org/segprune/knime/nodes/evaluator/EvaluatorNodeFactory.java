package org.segprune.knime.nodes.evaluator;

import org.segprune.knime.nodes.StepNodeFactory;
import org.segprune.step.Steps;

/** The node of {@link Steps#EVALUATOR}; plugin.xml and saved workflows name this class. */
public final class EvaluatorNodeFactory extends StepNodeFactory {

    /** The factory KNIME instantiates. */
    public EvaluatorNodeFactory() {
        super(Steps.EVALUATOR);
    }
}
