package org.segprune.knime.nodes.pruner;

import org.segprune.knime.nodes.StepNodeFactory;
import org.segprune.step.Steps;

/** The node of {@link Steps#FILTER_PRUNER}; plugin.xml and saved workflows name this class. */
public final class FilterPrunerNodeFactory extends StepNodeFactory {

    /** The factory KNIME instantiates. */
    public FilterPrunerNodeFactory() {
        super(Steps.FILTER_PRUNER);
    }
}
