package org.segprune.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.step.DataReaderSettings;
import org.segprune.step.ModelReaderSettings;
import org.segprune.util.SegPruneException;

/** File and folder settings outside KNIME: local paths, knime:// and file: URLs, resolved the way KNIME does. */
class LocationResolverTest {

    @TempDir
    Path space;

    private Path workflow() {
        return space.resolve("group").resolve("My Flow");
    }

    private LocationResolver resolver() {
        return LocationResolver.forWorkflow(workflow(), space);
    }

    private String error(LocationResolver resolver, String location) {
        return assertThrows(SegPruneException.class, () -> resolver.resolve(location)).getMessage();
    }

    @Test
    void localPathsAreAbsoluteOrRelativeToTheWorkflowFolder() {
        assertEquals(workflow().resolve("data/images"), resolver().resolve("data/images"));
        assertEquals(Path.of("/srv/scans"), resolver().resolve(" /srv/scans/ "));
        assertEquals(space.resolve("group/shared"), resolver().resolve("../shared"));
    }

    @Test
    void workflowRelativeUrlsAreDecodedAndMayLeaveTheWorkflowButNotTheMountpoint() {
        assertEquals(workflow().resolve("data/lung images"), resolver().resolve("knime://knime.workflow/data/lung%20images"));
        assertEquals(workflow().resolve("data/a b"), resolver().resolve("knime://knime.workflow/data/a b"));
        // as in KNIME: a plus stays a plus, and a path that is no valid URI syntax is taken as it is
        assertEquals(workflow().resolve("a+b/c%zz"), resolver().resolve("knime://knime.workflow/a+b/c%zz"));
        assertEquals(workflow().resolve("a+b/c d"), resolver().resolve("knime://knime.workflow/a%2Bb/c%20d"));
        assertEquals(workflow(), resolver().resolve("knime://knime.workflow"));
        assertEquals(space.resolve("group/other/x.zip"), resolver().resolve("knime://knime.workflow/../other/x.zip"));
        assertEquals(space.resolve("top.zip"), resolver().resolve("knime://KNIME.Workflow/../../top.zip"));
        String message = error(resolver(), "knime://knime.workflow/../../../outside");
        assertTrue(message.startsWith("'knime://knime.workflow/../../../outside' leaves the mountpoint: "), message);
    }

    @Test
    void mountpointRelativeUrlsStartAtTheMountpointRoot() {
        assertEquals(space.resolve("models/base.zip"), resolver().resolve("knime://knime.mountpoint/models/base.zip"));
        assertTrue(error(resolver(), "knime://knime.mountpoint/../x").contains("leaves the mountpoint"));
        // by default the mountpoint is the workflow folder's parent
        assertEquals(space.resolve("group/models"),
                LocationResolver.forWorkflow(workflow(), null).resolve("knime://knime.mountpoint/models"));
    }

    @Test
    void fileUrlsInEveryCommonSpelling() {
        assertEquals(Path.of("/data/a b/c"), resolver().resolve("file:///data/a%20b/c"));
        assertEquals(Path.of("/data/x"), resolver().resolve("file:/data/x"));
        assertEquals(Path.of("/data/x"), resolver().resolve("file://localhost/data/x"));
        assertTrue(error(resolver(), "file://fileserver/data/x").contains("names the host 'fileserver'"));
    }

    @Test
    void whatOnlyKnimeKnowsIsAClearError() {
        String other = error(resolver(), "knime://LOCAL/data/images");
        assertTrue(other.startsWith("'knime://LOCAL/data/images' names the mountpoint or location 'LOCAL', which only "
                + "KNIME knows"), other);
        assertTrue(error(resolver(), "knime://knime.node/x").contains("'knime.node'"));
        assertTrue(error(resolver(), "https://example.org/a.zip").contains("URLs of scheme 'https' are not supported"));
        assertTrue(error(LocationResolver.withoutWorkflow(), "knime://knime.workflow/x")
                .contains("is relative to a workflow, and there is none here"));

    }

    @Test
    void windowsPathsOnOtherSystemsGetAFriendlyError() {
        if (java.io.File.separatorChar == '\\') {
            return; // on Windows they are ordinary paths
        }
        assertEquals("'C:\\data\\images' is a Windows path; on this machine give a local path, a file: URL or a "
                + "knime://knime.workflow/ URL", error(resolver(), "C:\\data\\images"));
        assertTrue(error(resolver(), "file:///C:/data").contains("is a Windows path"));
        // a backslash in a knime URL reads as a slash, as it does in KNIME on Windows
        assertEquals(workflow().resolve("data/images"), resolver().resolve("knime://knime.workflow/data\\images"));
    }

    @Test
    void settingsResolveOnlyLocationsThatApplyAndErrorsNameTheSetting() {
        Map<String, String> resolved = resolver().resolveSettings(DataReaderSettings.SCHEMA,
                Map.of(DataReaderSettings.IMAGES_FOLDER, "knime://knime.workflow/data/images",
                        DataReaderSettings.MASKS_FOLDER, "", DataReaderSettings.TEST_FRACTION, "0.3"));
        assertEquals(workflow().resolve("data/images").toString(), resolved.get(DataReaderSettings.IMAGES_FOLDER));
        assertEquals("", resolved.get(DataReaderSettings.MASKS_FOLDER));
        assertEquals("0.3", resolved.get(DataReaderSettings.TEST_FRACTION));
        // a model file that does not apply (the reader builds a new network) is left as it is
        Map<String, String> unused = Map.of(ModelReaderSettings.SOURCE, ModelReaderSettings.NEW,
                ModelReaderSettings.MODEL_FILE, "knime://LOCAL/m.zip");
        assertEquals(unused, resolver().resolveSettings(ModelReaderSettings.SCHEMA, unused));
        String message = assertThrows(SegPruneException.class, () -> resolver().resolveSettings(ModelReaderSettings.SCHEMA,
                Map.of(ModelReaderSettings.SOURCE, ModelReaderSettings.FILE, ModelReaderSettings.MODEL_FILE,
                        "knime://LOCAL/m.zip"))).getMessage();
        assertTrue(message.startsWith("Model file [model_file]: 'knime://LOCAL/m.zip' names the mountpoint"), message);
    }

    @Test
    void configureChecksThatInputsExistAndOutputsCanBeCreated() throws java.io.IOException {
        java.nio.file.Files.createDirectories(workflow().resolve("data/images"));
        java.nio.file.Files.writeString(workflow().resolve("data/masks"), "not a folder");
        Map<String, String> given = Map.of(DataReaderSettings.IMAGES_FOLDER, "knime://knime.workflow/data/images",
                DataReaderSettings.MASKS_FOLDER, "knime://knime.workflow/data/masks");
        String message = assertThrows(SegPruneException.class, () -> LocationResolver.checkLocations(DataReaderSettings.SCHEMA,
                given, resolver().resolveSettings(DataReaderSettings.SCHEMA, given))).getMessage();
        assertEquals("Masks folder [masks_folder]: 'knime://knime.workflow/data/masks' (" + workflow().resolve("data/masks")
                + ") is a file, not a folder", message);

        Map<String, String> model = Map.of(ModelReaderSettings.SOURCE, ModelReaderSettings.FILE,
                ModelReaderSettings.MODEL_FILE, "models/m.zip");
        message = assertThrows(SegPruneException.class, () -> LocationResolver.checkLocations(ModelReaderSettings.SCHEMA,
                model, resolver().resolveSettings(ModelReaderSettings.SCHEMA, model))).getMessage();
        assertEquals("Model file [model_file]: 'models/m.zip' (" + workflow().resolve("models/m.zip") + ") does not exist",
                message);

        org.segprune.step.SettingsSchema writes = new org.segprune.step.SettingsSchema("Writer", java.util.List.of(
                org.segprune.step.SettingDef.outputFile("file", "Output file", "where"),
                org.segprune.step.SettingDef.outputFolder("folder", "Output folder", "", "where")));
        Map<String, String> creatable = Map.of("file", "knime://knime.workflow/new/deeper/m.zip", "folder", "out/masks");
        LocationResolver.checkLocations(writes, creatable, resolver().resolveSettings(writes, creatable));
        Map<String, String> blocked = Map.of("file", "knime://knime.workflow/data/masks/m.zip", "folder", "");
        message = assertThrows(SegPruneException.class,
                () -> LocationResolver.checkLocations(writes, blocked, resolver().resolveSettings(writes, blocked))).getMessage();
        assertTrue(message.startsWith("Output file [file]: 'knime://knime.workflow/data/masks/m.zip' ("), message);
        assertTrue(message.endsWith("cannot be created: '" + workflow().resolve("data/masks") + "' is not a folder"), message);
    }
}
