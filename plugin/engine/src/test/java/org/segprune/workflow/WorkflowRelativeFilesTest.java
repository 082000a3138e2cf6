package org.segprune.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.testutil.CliRun;
import org.segprune.data.PhantomGenerator;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.Architectures;
import org.segprune.util.Progress;

/**
 * {@code segprune run} on a workflow whose data and model are knime://knime.workflow/ and
 * knime://knime.mountpoint/ URLs: it runs where it was made, and again after the whole folder moved elsewhere.
 */
class WorkflowRelativeFilesTest {

    private static final Path SOURCE = TestWorkflowsRunTest.WORKFLOWS.resolve("train-prune-finetune-evaluate-unet");
    private static final String READER = "Segmentation Data Reader (#1)";
    private static final String MODEL = "Segmentation Model Reader (#2)";

    @TempDir
    Path dir;

    /** A two-node workflow (data reader, model reader) with its data and model inside the workflow folder. */
    private Path workflow(Path mountpoint) throws IOException {
        Path flow = mountpoint.resolve("Relative Flow");
        Files.createDirectories(flow);
        for (String node : List.of(READER, MODEL)) {
            Files.createDirectories(flow.resolve(node));
            Files.copy(SOURCE.resolve(node).resolve("settings.xml"), flow.resolve(node).resolve("settings.xml"));
        }
        edit(flow.resolve(READER), "value=\"knime://knime.workflow/data/images\"",
                "value=\"knime://knime.workflow/data/lung%20phantoms/images\"");
        edit(flow.resolve(READER), "value=\"knime://knime.workflow/data/masks\"",
                "value=\"knime://knime.workflow/data/lung phantoms/masks\"");
        edit(flow.resolve(MODEL), "key=\"source\" type=\"xstring\" value=\"new\"", "key=\"source\" type=\"xstring\" value=\"file\"");
        edit(flow.resolve(MODEL), "key=\"model_file\" type=\"xstring\" value=\"\"",
                "key=\"model_file\" type=\"xstring\" value=\"knime://knime.mountpoint/models/tiny.zip\"");
        Files.writeString(flow.resolve(WorkflowDefinition.WORKFLOW_FILE), """
                <?xml version="1.0" encoding="UTF-8"?>
                <config xmlns="http://www.knime.org/2008/09/XMLConfig" key="workflow.knime">
                    <entry key="version" type="xstring" value="5.1.0"/>
                    <config key="nodes">
                        <config key="node_1">
                            <entry key="id" type="xint" value="1"/>
                            <entry key="node_settings_file" type="xstring" value="%s/settings.xml"/>
                            <entry key="node_is_meta" type="xboolean" value="false"/>
                            <entry key="node_type" type="xstring" value="NativeNode"/>
                        </config>
                        <config key="node_2">
                            <entry key="id" type="xint" value="2"/>
                            <entry key="node_settings_file" type="xstring" value="%s/settings.xml"/>
                            <entry key="node_is_meta" type="xboolean" value="false"/>
                            <entry key="node_type" type="xstring" value="NativeNode"/>
                        </config>
                    </config>
                    <config key="connections"/>
                </config>
                """.formatted(READER, MODEL));
        PhantomGenerator.generate(flow.resolve("data/lung phantoms"), PhantomGenerator.Kind.LUNG, 4, 32, 1, Progress.NONE);
        ModelIO.save(Architectures.build(new ModelSpec(ModelSpec.UNET, 32, 1, 2, 4, 1)),
                mountpoint.resolve("models/tiny.zip"), false);
        return flow;
    }

    private static void edit(Path node, String from, String to) throws IOException {
        Path settings = node.resolve("settings.xml");
        String text = Files.readString(settings);
        assertTrue(text.contains(from), settings + " lacks " + from);
        Files.writeString(settings, text.replace(from, to));
    }

    private CliRun run(Path flow, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", flow.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    /** The image column of the reader's output table, as written by {@code --out}. */
    private static List<String> imagePaths(Path out) throws IOException {
        return Files.readAllLines(out.resolve(READER).resolve("port_1.csv")).stream().skip(1)
                .map(line -> line.split(",")[1]).toList();
    }

    @Test
    void aWorkflowWithRelativeUrlsRunsWhereItIsAndAfterItMoved() throws IOException {
        Path first = dir.resolve("first space");
        Path flow = workflow(first);
        CliRun result = run(flow, dir.resolve("out1"));
        assertEquals(0, result.code(), result.err());
        List<String> images = imagePaths(dir.resolve("out1"));
        assertEquals(4, images.size());
        assertTrue(images.stream().allMatch(p -> p.startsWith(flow.resolve("data/lung phantoms/images").toString())), images
                .toString());
        assertTrue(Files.isRegularFile(dir.resolve("out1").resolve(MODEL).resolve("port_1.zip")));

        Path second = dir.resolve("elsewhere").resolve("space two");
        Files.createDirectories(second.getParent());
        Files.move(first, second);
        Path moved = second.resolve("Relative Flow");
        assertFalse(Files.exists(flow));
        result = run(moved, dir.resolve("out2"));
        assertEquals(0, result.code(), result.err());
        List<String> movedImages = imagePaths(dir.resolve("out2"));
        assertEquals(4, movedImages.size());
        assertTrue(movedImages.stream().allMatch(p -> p.startsWith(moved.resolve("data/lung phantoms/images").toString())),
                movedImages.toString());
    }

    @Test
    void theMountpointRootCanBeGivenAndAnUnresolvableUrlNamesNodeSettingAndUrl() throws IOException {
        Path space = dir.resolve("space");
        Path flow = workflow(space);
        Files.createDirectories(dir.resolve("models"));
        Files.move(space.resolve("models/tiny.zip"), dir.resolve("models/tiny.zip"));
        CliRun missing = run(flow, dir.resolve("out1"));
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains(space.resolve("models/tiny.zip").toString()), missing.err());

        CliRun wider = run(flow, dir.resolve("out2"), "--mountpoint-root", dir.toString());
        assertEquals(0, wider.code(), wider.err());

        CliRun wrongRoot = run(flow, dir.resolve("out3"), "--mountpoint-root", dir.resolve("models").toString());
        assertEquals(2, wrongRoot.code());
        assertTrue(wrongRoot.err().contains("does not contain the workflow folder"), wrongRoot.err());

        CliRun other = run(flow, dir.resolve("out4"), "--set", "2.model_file=knime://LOCAL/models/tiny.zip");
        assertEquals(2, other.code());
        assertTrue(other.err().trim().startsWith("segprune: error: Segmentation Model Reader (#2): Model file [model_file]: "
                + "'knime://LOCAL/models/tiny.zip' names the mountpoint or location 'LOCAL'"), other.err());
    }

    @Test
    void checkNamesNodeSettingUrlAndPathOfAMissingFolder() throws IOException {
        Path flow = workflow(dir.resolve("space"));
        CliRun result = CliRun.of("run", flow.toString(), "--check", "--set",
                "1.masks_folder=knime://knime.workflow/data/no%20masks");
        assertEquals(2, result.code(), result.err());
        assertEquals("segprune: error: " + READER + ": Masks folder [masks_folder]: 'knime://knime.workflow/data/no%20masks' ("
                + flow.resolve("data/no masks") + ") does not exist", result.err().trim());
    }
}
