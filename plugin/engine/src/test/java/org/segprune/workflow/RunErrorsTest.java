package org.segprune.workflow;

import org.segprune.testutil.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segprune run} refuses what it cannot run with one clear line and exit code 2, before any
 * node runs: unknown nodes, bad overrides, bad settings, broken connections, configure errors.
 */
class RunErrorsTest {

    static final Path WORKFLOW = TestWorkflowsRunTest.WORKFLOWS.resolve("train-prune-finetune-evaluate-unet");

    @TempDir
    Path dir;

    private static String failure(String... args) {
        CliRun result = CliRun.of(args);
        assertEquals(2, result.code(), result.out() + result.err());
        assertEquals("", result.out());
        return result.err().trim();
    }

    /** A copy of the workflow in which {@code file} (relative) has {@code from} replaced by {@code to}. */
    private Path copyWith(String file, String from, String to) throws IOException {
        Path copy = dir.resolve("copy");
        try (Stream<Path> walk = Files.walk(WORKFLOW)) {
            for (Path source : walk.toList()) {
                Path target = copy.resolve(WORKFLOW.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Path edited = copy.resolve(file);
        String text = Files.readString(edited);
        // the lines of a block may be indented in the file: match them with any white space in between
        String pattern = String.join("\\s+", from.strip().lines().map(line -> Pattern.quote(line.strip())).toList());
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertTrue(matcher.find(), file + " lacks " + from);
        Files.writeString(edited, matcher.replaceFirst(Matcher.quoteReplacement(String.join("\n", to.strip().lines().toList()))));
        return copy;
    }

    @Test
    void anUnknownNodeIsAClearError() throws IOException {
        Path copy = copyWith("Attention Scorer (#4)/settings.xml", "org.segprune.knime.nodes.scorer.AttentionScorerNodeFactory",
                "org.knime.base.node.preproc.filter.row.RowFilterNodeFactory");
        String message = failure("run", copy.toString());
        assertTrue(message.startsWith("segprune: error: node Attention Scorer (#4) is not a SegPrune node (factory "
                + "'org.knime.base.node.preproc.filter.row.RowFilterNodeFactory'); segprune run executes only Segmentation "
                + "Data Reader, Segmentation Model Reader, Attention Scorer, Filter Pruner, Fine-Tuner, Segmentation Evaluator"), message);
    }

    @Test
    void aFolderWithoutWorkflowIsAClearError() {
        String message = failure("run", dir.toString());
        assertEquals("segprune: error: '" + dir + "' is not a KNIME workflow folder: it has no workflow.knime", message);
    }

    @Test
    void overridesMustNameAnExistingNodeAndSetting() {
        assertTrue(failure("run", WORKFLOW.toString(), "--set", "Trainer.epochs=3")
                .contains("the workflow has no node 'Trainer' (its nodes: Segmentation Data Reader (#1), Segmentation Model Reader (#2)"));
        assertTrue(failure("run", WORKFLOW.toString(), "--set", "3.epoch=3")
                .startsWith("segprune: error: Fine-Tuner has no setting 'epoch' (its settings: epochs,"));
        assertEquals("segprune: error: --set 'epochs=3' is not of the form NODE.SETTING=VALUE",
                failure("run", WORKFLOW.toString(), "--set", "epochs=3"));
    }

    @Test
    void aBadSettingValueNamesTheNode() {
        assertEquals("segprune: error: Fine-Tuner (#6): Epochs [epochs] must be between 1 and 100000, got 0",
                failure("run", WORKFLOW.toString(), "--set", "6.epochs=0"));
        assertEquals("segprune: error: Segmentation Model Reader (#2): input size 100 must be a multiple of 8 (2^depth) and at most 2048",
                failure("run", WORKFLOW.toString(), "--set", "Segmentation Model Reader.input_size=100"));
    }

    @Test
    void configureErrorsAreReportedBeforeAnyNodeRuns() {
        String message = failure("run", WORKFLOW.toString(), "--check", "--set", "Segmentation Evaluator.image_column=picture");
        assertEquals("segprune: error: Segmentation Evaluator (#7): the image table has no column 'picture' (image paths); "
                + "its columns are: image, mask, width, height, foreground_fraction, split", message);
        CliRun ok = CliRun.of("run", WORKFLOW.toString(), "--check");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("workflow 'train-prune-finetune-evaluate-unet': 8 nodes configured, nothing run\n", ok.out());
    }

    @Test
    void anUnconnectedInputIsAClearError() throws IOException {
        Path copy = copyWith("workflow.knime", """
                        <entry key="sourceID" type="xint" value="1"/>
                        <entry key="destID" type="xint" value="7"/>
                        <entry key="sourcePort" type="xint" value="1"/>
                        <entry key="destPort" type="xint" value="2"/>""", """
                        <entry key="sourceID" type="xint" value="1"/>
                        <entry key="destID" type="xint" value="7"/>
                        <entry key="sourcePort" type="xint" value="0"/>
                        <entry key="destPort" type="xint" value="0"/>""");
        assertEquals("segprune: error: Segmentation Evaluator (#7): input 'Image table' is not connected",
                failure("run", copy.toString()));
    }

    @Test
    void anInputWithTwoConnectionsIsRefused() throws IOException {
        Path copy = copyWith("workflow.knime", """
                        <entry key="sourceID" type="xint" value="1"/>
                        <entry key="destID" type="xint" value="7"/>""", """
                        <entry key="sourceID" type="xint" value="1"/>
                        <entry key="destID" type="xint" value="8"/>""");
        String message = failure("run", copy.toString());
        assertEquals("segprune: error: Segmentation Evaluator (#8) input 'Image table' has two connections", message);
    }

    @Test
    void aConnectionBetweenDifferentKindsOfPortIsRefused() throws IOException {
        Path copy = copyWith("workflow.knime", """
                        <entry key="sourceID" type="xint" value="2"/>
                        <entry key="destID" type="xint" value="3"/>
                        <entry key="sourcePort" type="xint" value="1"/>
                        <entry key="destPort" type="xint" value="1"/>""", """
                        <entry key="sourceID" type="xint" value="2"/>
                        <entry key="destID" type="xint" value="3"/>
                        <entry key="sourcePort" type="xint" value="1"/>
                        <entry key="destPort" type="xint" value="3"/>""");
        String message = failure("run", copy.toString());
        assertEquals("segprune: error: the connection Segmentation Model Reader (#2) 'Segmentation model' -> Fine-Tuner (#3) "
                + "'Validation table' joins a model port to a table port", message);
    }

    @Test
    void aCycleIsRefused() throws IOException {
        Path copy = copyWith("workflow.knime", """
                        <entry key="sourceID" type="xint" value="2"/>
                        <entry key="destID" type="xint" value="3"/>
                        <entry key="sourcePort" type="xint" value="1"/>""", """
                        <entry key="sourceID" type="xint" value="6"/>
                        <entry key="destID" type="xint" value="3"/>
                        <entry key="sourcePort" type="xint" value="1"/>""");
        String message = failure("run", copy.toString());
        assertTrue(message.startsWith("segprune: error: the workflow has a cycle through Fine-Tuner (#3)"), message);
    }
}
