package org.segprune.step;

import java.util.List;
import org.segprune.util.SegPruneException;

/** Every step, in the order a pipeline uses them. Adding a step means adding it here. */
public final class Steps {

    public static final DataReaderStep DATA_READER = new DataReaderStep();
    public static final ModelReaderStep MODEL_READER = new ModelReaderStep();
    public static final AttentionScorerStep ATTENTION_SCORER = new AttentionScorerStep();
    public static final FilterPrunerStep FILTER_PRUNER = new FilterPrunerStep();
    public static final FineTunerStep FINE_TUNER = new FineTunerStep();
    public static final EvaluatorStep EVALUATOR = new EvaluatorStep();
    public static final PredictorStep PREDICTOR = new PredictorStep();
    public static final ModelWriterStep MODEL_WRITER = new ModelWriterStep();

    private static final List<Step<?>> ALL = List.of(DATA_READER, MODEL_READER, ATTENTION_SCORER, FILTER_PRUNER, FINE_TUNER,
            EVALUATOR, PREDICTOR, MODEL_WRITER);

    private Steps() {
    }

    public static List<Step<?>> all() {
        return ALL;
    }

    /**
     * The step a KNIME node factory stands for.
     *
     * @param node how messages name the node, e.g. "Fine-Tuner (#3)"
     * @throws SegPruneException naming the node and the steps there are, if no step has that factory
     */
    public static Step<?> byFactory(String factory, String node) {
        for (Step<?> step : ALL) {
            if (step.about().factory().equals(factory)) {
                return step;
            }
        }
        throw new SegPruneException("node " + node + " is not a SegPrune node (factory '" + factory
                + "'); segprune run executes only " + String.join(", ", ALL.stream().map(Step::name).toList()));
    }
}
