package org.segprune.step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segprune.util.SegPruneException;

/** Settings of the Segmentation Predictor: where the images come from, the batch size and where masks go. */
public final class PredictorSettings extends PredictionSettings {

    public static final String SOURCE = "source";
    public static final String IMAGES_FOLDER = "images_folder";
    public static final String MASKS_FOLDER = "masks_folder";

    public static final String TABLE = "table";
    public static final String FOLDER = "folder";

    /** Port of the image table among the node's inputs (0 is the model). */
    public static final int TABLE_PORT = 1;

    public static final SettingsSchema SCHEMA = new SettingsSchema("Segmentation Predictor", defs());

    private static List<SettingDef> defs() {
        List<SettingDef> defs = new ArrayList<>(List.of(
                SettingDef.choice(SOURCE, "Images from", TABLE, List.of(TABLE, FOLDER),
                        List.of("the image table at the second input (a path column; masks are not needed)",
                                "every PNG and JPEG file of the images folder (row ID: the file stem)"),
                        "Where the images to segment come from.").inGroup("Images"),
                SettingDef.folder(IMAGES_FOLDER, "Images folder", "",
                        "The folder whose PNG and JPEG images are segmented. A relative path is resolved against the "
                                + "workflow folder when the workflow runs with 'segprune run'.").withFlag("images")
                        .inGroup("Images").enabledWhen(SOURCE, FOLDER)));
        for (SettingDef def : ImageRows.defs(TABLE_PORT, ImageRows.ALL, "Images")) {
            if (!def.key().equals(ImageRows.MASK_COLUMN)) {
                defs.add(def.enabledKey() == null ? def.enabledWhen(SOURCE, TABLE) : def);
            }
        }
        defs.add(SettingDef.predictionBatchSize());
        defs.add(SettingDef.outputFolder(MASKS_FOLDER, "Mask files folder", "",
                "If set, each predicted mask is also written to this folder as <i>stem</i>.png (0 background, 255 "
                        + "foreground, at the image's size; an existing file of that name is replaced, each file is "
                        + "written completely or not at all). Empty writes no files.").withFlag("out")
                .inGroup("Output"));
        defs.add(SettingDef.runtime());
        defs.add(SettingDef.threads());
        return defs;
    }

    private PredictorSettings(SettingValues values) {
        super(values);
    }

    public static PredictorSettings from(Map<String, String> raw) {
        PredictorSettings settings = new PredictorSettings(SCHEMA.parse(raw));
        if (settings.fromFolder() && settings.values.string(IMAGES_FOLDER).isEmpty()) {
            throw new SegPruneException("choose the images folder (" + SCHEMA.def(IMAGES_FOLDER).describe() + ")");
        }
        return settings;
    }

    public boolean fromFolder() {
        return values.string(SOURCE).equals(FOLDER);
    }

    /** The images folder; a relative path is resolved against {@code base} (null: the working directory). */
    public Path imagesFolder(Path base) {
        return DataReaderSettings.resolve(base, values.string(IMAGES_FOLDER));
    }

    /** The folder for mask files, or null when none are written. */
    public Path masksFolder(Path base) {
        String value = values.string(MASKS_FOLDER);
        return value.isEmpty() ? null : DataReaderSettings.resolve(base, value);
    }

    public String imageColumn() {
        return values.string(ImageRows.IMAGE_COLUMN);
    }

    /** all, train or test (see {@link ImageRows}). */
    public String rows() {
        return values.string(ImageRows.ROWS);
    }

    public String splitColumn() {
        return values.string(ImageRows.SPLIT_COLUMN);
    }
}
