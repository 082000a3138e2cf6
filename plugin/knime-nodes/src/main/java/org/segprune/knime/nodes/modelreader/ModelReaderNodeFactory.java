package org.segprune.knime.nodes.modelreader;

import org.segprune.knime.nodes.StepNodeFactory;
import org.segprune.step.Steps;

/** The node of {@link Steps#MODEL_READER}; plugin.xml and saved workflows name this class. */
public final class ModelReaderNodeFactory extends StepNodeFactory {

    /** The factory KNIME instantiates. */
    public ModelReaderNodeFactory() {
        super(Steps.MODEL_READER);
    }
}
