package org.segprune.step;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.segprune.data.ImageFiles;
import org.segprune.model.MaskValues;
import org.segprune.util.SegPruneException;

/** Settings of the Segmentation Data Reader: the two folders and the seeded train/test split. */
public final class DataReaderSettings extends SettingsBase {

    public static final String IMAGES_FOLDER = "images_folder";
    public static final String MASKS_FOLDER = "masks_folder";
    public static final String TEST_FRACTION = "test_fraction";
    public static final String SEED = "seed";
    public static final String MASK_VALUES = SettingDef.MASK_VALUES;

    public static final SettingsSchema SCHEMA = new SettingsSchema("Segmentation Data Reader", List.of(
            SettingDef.folder(IMAGES_FOLDER, "Images folder", "",
                    "The folder with the images (" + ImageFiles.FORMATS + ", grey or RGB, 8 or 16 bits). Each image is paired with the mask of the same "
                            + "file stem. A local path, a file: URL, or a knime://knime.workflow/ or knime://knime.mountpoint/ "
                            + "URL, so that a workflow moved elsewhere finds its data; a relative path is resolved "
                            + "against the workflow folder.").inGroup("Data"),
            SettingDef.folder(MASKS_FOLDER, "Masks folder", "",
                    "The folder with the masks: same stems (or the stem plus _mask, _segmentation, _seg, _label or _gt, as "
                            + "public data sets name them) and sizes as the images, 0 for background and 255 (or 1) for "
                            + "foreground (JPEG masks may carry compression noise).").inGroup("Data"),
            SettingDef.real(TEST_FRACTION, "Test fraction", 0.2, 0, 0.9,
                    "The share of the pairs marked 'test' in the split column (at least one when it is above 0 and there "
                            + "are two or more pairs); the others are marked 'train'. 0 marks every pair 'train'.")
                    .inGroup("Split"),
            SettingDef.seed(SEED, "Split seed", 42,
                    "Seed of the shuffle that decides the split: the same seed gives the same split.").inGroup("Split"),
            SettingDef.maskValues(MaskValues.BINARY, null)));

    private DataReaderSettings(SettingValues values) {
        super(values);
    }

    public static DataReaderSettings from(Map<String, String> raw) {
        DataReaderSettings settings = new DataReaderSettings(SCHEMA.parse(raw));
        if (settings.values.string(IMAGES_FOLDER).isEmpty()) {
            throw new SegPruneException("choose the images folder");
        }
        if (settings.values.string(MASKS_FOLDER).isEmpty()) {
            throw new SegPruneException("choose the masks folder");
        }
        try {
            settings.maskValues();
        } catch (SegPruneException e) {
            throw new SegPruneException(SCHEMA.def(MASK_VALUES).describe() + ": " + e.getMessage(), e);
        }
        return settings;
    }

    /** The images folder; a relative path is resolved against {@code base} (null: the working directory). */
    public Path imagesFolder(Path base) {
        return resolve(base, values.string(IMAGES_FOLDER));
    }

    public Path masksFolder(Path base) {
        return resolve(base, values.string(MASKS_FOLDER));
    }

    static Path resolve(Path base, String value) {
        Path path = Path.of(value);
        return base == null || path.isAbsolute() ? path : base.resolve(path).normalize();
    }

    public double testFraction() {
        return values.real(TEST_FRACTION);
    }

    public long seed() {
        return values.integer(SEED);
    }

    /** What the mask files hold. */
    public MaskValues maskValues() {
        return MaskValues.parse(values.string(MASK_VALUES));
    }
}
