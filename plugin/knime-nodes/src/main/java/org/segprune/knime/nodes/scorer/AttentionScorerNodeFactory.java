package org.segprune.knime.nodes.scorer;

import org.segprune.knime.nodes.StepNodeFactory;
import org.segprune.step.Steps;

/** The node of {@link Steps#ATTENTION_SCORER}; plugin.xml and saved workflows name this class. */
public final class AttentionScorerNodeFactory extends StepNodeFactory {

    /** The factory KNIME instantiates. */
    public AttentionScorerNodeFactory() {
        super(Steps.ATTENTION_SCORER);
    }
}
