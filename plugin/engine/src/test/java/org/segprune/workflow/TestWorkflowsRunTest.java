package org.segprune.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.segprune.testutil.CliRun;
import org.segprune.step.Steps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.PhantomGenerator;
import org.segprune.table.NodeTable;
import org.segprune.util.Progress;

/**
 * Every workflow in test-workflows/ runs through {@code segprune run} as shipped, on the lung phantoms it
 * carries, and each of its evaluators reaches a dice floor; the results are written to the output folder.
 */
class TestWorkflowsRunTest {

    static final Path WORKFLOWS = Path.of("../../test-workflows");

    /** Phantom lungs are easy: a trained (or pruned and fine-tuned) tiny U-Net gets well above this. */
    static final double DICE_FLOOR = 0.85;

    @TempDir
    static Path dir;

    static Path phantoms;

    @BeforeAll
    static void phantoms() {
        phantoms = dir.resolve("phantoms");
        PhantomGenerator.generate(phantoms, PhantomGenerator.Kind.LUNG, 40, 64, 3, Progress.NONE);
    }

    static List<Path> workflows() throws IOException {
        try (Stream<Path> children = Files.list(WORKFLOWS)) {
            return children.filter(p -> Files.isRegularFile(p.resolve(WorkflowDefinition.WORKFLOW_FILE))).sorted().toList();
        }
    }


    @Test
    void thereAreAtLeastTheThreeDocumentedWorkflows() throws IOException {
        List<String> names = workflows().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("train-prune-finetune-evaluate-unet"), names.toString());
        assertTrue(names.contains("compare-l1-l2-two-budgets"), names.toString());
        assertTrue(names.contains("train-prune-finetune-evaluate-deeplabv3plus"), names.toString());
    }

    /**
     * Each workflow runs as shipped, without --set and from a folder outside the repository (as a user who
     * copied it, with no ../shared beside it): it reads the phantoms it carries through its
     * knime://knime.workflow/ data folder. Every evaluator reaches the dice floor with its own row (the last
     * of its metrics table), and the evaluators' chain gathers every evaluation into one table, the unpruned
     * baseline first.
     */
    @Test
    void everyTestWorkflowRunsAsShippedAndGathersItsEvaluationsInOneTable() throws IOException {
        for (Path shipped : workflows()) {
            Path workflow = copy(shipped, dir.resolve("elsewhere").resolve(shipped.getFileName()));
            Path out = dir.resolve("out-" + workflow.getFileName());
            List<String> args = new ArrayList<>(List.of("run", workflow.toString(), "--out", out.toString()));
            WorkflowDefinition definition = WorkflowDefinition.load(workflow);
            boolean writes = definition.nodes().stream().anyMatch(n -> n.factory().equals(Steps.MODEL_WRITER.about().factory()));
            if (writes) {
                // the test checks the written model in its output folder
                args.addAll(List.of("--set", Steps.MODEL_WRITER.name() + ".file=" + out.resolve("written-model")));
            }
            long start = System.nanoTime();
            CliRun result = CliRun.of(args.toArray(new String[0]));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0, result.code(), workflow + ": " + result.err());
            System.out.printf("%s ran in %.1f s%n%s", workflow.getFileName(), seconds, result.out());
            assertEquals(writes, Files.isRegularFile(out.resolve("written-model")), workflow.toString());
            int evaluators = 0;
            List<List<String>> gathered = List.of();
            for (WorkflowDefinition.NodeEntry node : definition.nodes()) {
                if (!node.factory().equals(Steps.EVALUATOR.about().factory())) {
                    continue;
                }
                evaluators++;
                Path metrics = out.resolve(node.folder()).resolve("port_1.csv");
                List<List<String>> rows = rows(metrics);
                double dice = Double.parseDouble(cell(metrics, rows.get(rows.size() - 1), "dice_mean"));
                assertTrue(dice > DICE_FLOOR, workflow.getFileName() + " " + node.label() + ": dice " + dice);
                assertEquals(node.settings().get("model_name"), cell(metrics, rows.get(rows.size() - 1), "model"));
                assertTrue(Files.isRegularFile(out.resolve(node.folder()).resolve("port_2.csv")));
                gathered = rows.size() > gathered.size() ? rows : gathered;
            }
            assertTrue(evaluators > 0, workflow + " has no evaluator");
            assertEquals(evaluators, gathered.size(), workflow + ": one table gathers every evaluation");
            assertTrue(gathered.get(0).get(0).contains("baseline"), gathered.get(0).toString());
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    /** The data rows of a CSV written by the runner, split into cells. */
    static List<List<String>> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(TestWorkflowsRunTest::splitCsv).toList();
    }

    /** A row's cell in the named column. */
    static String cell(Path csv, List<String> row, String name) throws IOException {
        int index = splitCsv(Files.readAllLines(csv).get(0)).indexOf(name);
        assertTrue(index >= 0, csv + " has no column " + name);
        return row.get(index);
    }

    private static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void theRunnerPassesPlainTablesAndModelsBetweenNodes() {
        WorkflowDefinition workflow = WorkflowDefinition.load(WORKFLOWS.resolve("train-prune-finetune-evaluate-unet"));
        WorkflowRunner runner = new WorkflowRunner(workflow, Overrides.parse(List.of(
                "1.images_folder=" + phantoms.resolve("images"), "1.masks_folder=" + phantoms.resolve("masks"),
                "Fine-Tuner.epochs=1", "Segmentation Model Reader.input_size=32", "Segmentation Evaluator.overlays=false")));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), runner.order().stream().map(WorkflowDefinition.NodeEntry::id).toList());
        WorkflowRunner.Result result = runner.run(WorkflowRunner.SILENT);
        NodeTable perImage = (NodeTable) result.output(7, 1);
        assertEquals(8, perImage.size());
        assertFalse(perImage.schema().names().contains("overlay"));
        assertTrue(result.summaries().get(5).startsWith("pruned"), result.summaries().get(5));
    }
}
