package org.segprune.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;
import org.segprune.workflow.LocationResolver;
import org.segprune.workflow.Overrides;
import org.segprune.workflow.ResultWriter;
import org.segprune.workflow.WorkflowDefinition;
import org.segprune.workflow.WorkflowRunner;

/**
 * {@code segprune run WORKFLOW_DIR [--set NODE.SETTING=VALUE ...] [--out DIR] [--check] [--mountpoint-root DIR]}:
 * executes a KNIME workflow made of SegPrune's nodes without KNIME, reading the same workflow.knime and
 * settings.xml files. {@code --check} validates and configures every node without running any. File and folder
 * settings may be knime://knime.workflow/ URLs (the workflow folder) or knime://knime.mountpoint/ URLs
 * ({@code --mountpoint-root}, by default the workflow folder's parent).
 */
final class RunCommand {

    static final Set<String> FLAGS = Set.of("check");

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void run(Args args) {
        List<String> positional = args.positional();
        if (positional.size() != 1) {
            throw new SegPruneException("segprune run needs exactly one workflow folder, got " + positional.size());
        }
        String sets = args.string("set", null);
        Overrides overrides = Overrides.parse(sets == null ? List.of() : Arrays.asList(sets.split("\n")));
        Path output = args.path("out", null);
        Path mountpointRoot = args.path("mountpoint-root", null);
        boolean checkOnly = args.flag("check");
        args.rejectUnknown();
        WorkflowDefinition workflow = WorkflowDefinition.load(Path.of(positional.get(0)));
        WorkflowRunner runner = new WorkflowRunner(workflow, overrides,
                LocationResolver.forWorkflow(workflow.folder(), mountpointRoot));
        if (checkOnly) {
            runner.configureAll();
            out.printf(Locale.ROOT, "workflow '%s': %d nodes configured, nothing run%n", workflow.name(),
                    runner.order().size());
            return;
        }
        long start = System.nanoTime();
        WorkflowRunner.Result result = runner.run(new WorkflowRunner.Listener() {
            @Override
            public Progress started(WorkflowDefinition.NodeEntry node) {
                return new ConsoleProgress(err, node.label());
            }

            @Override
            public void finished(WorkflowDefinition.NodeEntry node, String summary, double seconds) {
                out.printf(Locale.ROOT, "%-32s %7.1f s  %s%n", node.label(), seconds, summary);
            }
        });
        if (output != null) {
            ResultWriter.write(result, output);
        }
        out.printf(Locale.ROOT, "workflow '%s': %d nodes in %.1f s%s%n", workflow.name(), result.order().size(),
                (System.nanoTime() - start) / 1e9, output == null ? "" : " -> " + output);
    }
}
