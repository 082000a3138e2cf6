package org.segprune.knime.nodes.modelwriter;

import org.segprune.knime.nodes.StepNodeFactory;
import org.segprune.step.Steps;

/** The node of {@link Steps#MODEL_WRITER}; plugin.xml and saved workflows name this class. */
public final class ModelWriterNodeFactory extends StepNodeFactory {

    /** The factory KNIME instantiates. */
    public ModelWriterNodeFactory() {
        super(Steps.MODEL_WRITER);
    }
}
