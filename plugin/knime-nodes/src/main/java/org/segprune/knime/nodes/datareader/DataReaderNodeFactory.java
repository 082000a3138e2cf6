package org.segprune.knime.nodes.datareader;

import org.segprune.knime.nodes.StepNodeFactory;
import org.segprune.step.Steps;

/** The node of {@link Steps#DATA_READER}; plugin.xml and saved workflows name this class. */
public final class DataReaderNodeFactory extends StepNodeFactory {

    /** The factory KNIME instantiates. */
    public DataReaderNodeFactory() {
        super(Steps.DATA_READER);
    }
}
