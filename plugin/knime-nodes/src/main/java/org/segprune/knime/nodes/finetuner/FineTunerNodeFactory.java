package org.segprune.knime.nodes.finetuner;

import org.segprune.knime.nodes.StepNodeFactory;
import org.segprune.step.Steps;

/** The node of {@link Steps#FINE_TUNER}; plugin.xml and saved workflows name this class. */
public final class FineTunerNodeFactory extends StepNodeFactory {

    /** The factory KNIME instantiates. */
    public FineTunerNodeFactory() {
        super(Steps.FINE_TUNER);
    }
}
