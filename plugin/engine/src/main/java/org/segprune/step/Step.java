package org.segprune.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.segprune.model.ModelSummary;
import org.segprune.util.Progress;
import org.segprune.table.TableSchema;
import org.segprune.table.NodeTable;

/**
 * One step of the pruning pipeline, declared once: its name and documentation, typed input and output
 * ports, its settings, configure (input specs to output specs, errors naming the setting or column) and
 * execute. The KNIME node, {@code segprune run}, the node description and the command line are all
 * derived from this declaration; none of them repeats a name, port, setting or column.
 *
 * <p>Port objects are {@link NodeTable} and {@code SegmentationModel}; their specs {@link TableSchema} and
 * {@link ModelSummary}, null where not known before execution.
 *
 * @param <S> the typed settings the step reads
 */
public abstract class Step<S> {

    /**
     * What the node description says beyond settings and ports.
     *
     * @param factory the KNIME NodeFactory class that stands for this step (plugin.xml and saved workflows name it)
     * @param type    KNIME's node type: Source, Learner, Manipulator, Predictor, ...
     * @param icon    the 16x16 icon's file name next to the factory
     * @param intro   the full description (HTML paragraphs)
     */
    public record About(String factory, String type, String icon, String shortDescription, String intro,
            List<String> keywords) {
    }

    /** Where a step runs: the folder relative paths are resolved against (null: working directory) and its progress. */
    public record Context(Path base, Progress progress) {
    }

    /** What a step produced: one object per output port, and one line about it for the console. */
    public record Result(List<Object> outputs, String summary) {
    }

    private final About about;
    private final SettingsSchema settings;
    private final List<Port> inputs;
    private final List<Port> outputs;

    protected Step(About about, SettingsSchema settings, List<Port> inputs, List<Port> outputs) {
        this.about = about;
        this.settings = settings;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /** The name users see, e.g. "Fine-Tuner". */
    public String name() {
        return settings.nodeName();
    }

    public About about() {
        return about;
    }

    public SettingsSchema schema() {
        return settings;
    }

    public List<Port> inputs() {
        return inputs;
    }

    public List<Port> outputs() {
        return outputs;
    }

    /**
     * Parses and checks the settings alone (KNIME's validateSettings); missing keys take their defaults.
     *
     * @throws org.segprune.util.SegPruneException naming the setting at fault
     */
    public abstract S settings(Map<String, String> raw);

    /** Checks the settings against the input specs (null for unconnected or unknown ones); returns the output specs. */
    public abstract List<Object> configure(S settings, List<Object> inSpecs);

    /** Runs the step on the input port objects (null for unconnected optional ports). */
    public abstract Result execute(S settings, List<Object> inputs, Context context);

    /** {@link #configure} from raw settings. */
    public final List<Object> configure(Map<String, String> raw, List<Object> inSpecs) {
        return configure(settings(raw), inSpecs);
    }

    /** {@link #execute} from raw settings. */
    public final Result execute(Map<String, String> raw, List<Object> inputs, Context context) {
        return execute(settings(raw), inputs, context);
    }

    protected static TableSchema tableSpec(Object spec) {
        return (TableSchema) spec;
    }

    protected static ModelSummary modelSpec(Object spec) {
        return (ModelSummary) spec;
    }
}
