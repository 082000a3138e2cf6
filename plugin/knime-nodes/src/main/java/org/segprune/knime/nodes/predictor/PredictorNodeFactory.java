package org.segprune.knime.nodes.predictor;

import org.segprune.knime.nodes.StepNodeFactory;
import org.segprune.step.Steps;

/** The node of {@link Steps#PREDICTOR}; plugin.xml and saved workflows name this class. */
public final class PredictorNodeFactory extends StepNodeFactory {

    /** The factory KNIME instantiates. */
    public PredictorNodeFactory() {
        super(Steps.PREDICTOR);
    }
}
