package org.segprune.step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.runtime.ExecutionLock;
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

    /**
     * {@link #execute} from raw settings, the way the KNIME node and {@code segprune run} execute a step: on its own
     * copy of every input model (so that executions running at the same time on one model never share a network) and
     * holding the {@link ExecutionLock} shared (so that a latency measurement elsewhere waits for it), with the
     * step's thread-count setting, if it has one, applied to the executing thread ({@link Dl4jRuntime#withThreads}).
     * An input model returned unchanged is returned as the caller's object.
     */
    public final Result execute(Map<String, String> raw, List<Object> inputs, Context context) {
        S settings = settings(raw);
        Map<Object, Object> originals = new IdentityHashMap<>();
        List<Object> own = new ArrayList<>();
        for (Object input : inputs) {
            if (input instanceof SegmentationModel model) {
                SegmentationModel copy = model.copy();
                originals.put(copy, model);
                own.add(copy);
            } else {
                own.add(input);
            }
        }
        int threads = schema().has(SettingDef.THREADS)
                ? (Integer) schema().def(SettingDef.THREADS).parse(raw.getOrDefault(SettingDef.THREADS,
                        schema().def(SettingDef.THREADS).defaultValue()))
                : 0;
        Result result;
        try (ExecutionLock.Hold hold = ExecutionLock.shared()) {
            result = Dl4jRuntime.withThreads(threads, () -> execute(settings, own, context));
        }
        List<Object> outputs = new ArrayList<>();
        for (Object output : result.outputs()) {
            outputs.add(originals.getOrDefault(output, output));
        }
        return new Result(outputs, result.summary());
    }

    protected static TableSchema tableSpec(Object spec) {
        return (TableSchema) spec;
    }

    protected static ModelSummary modelSpec(Object spec) {
        return (ModelSummary) spec;
    }
}
