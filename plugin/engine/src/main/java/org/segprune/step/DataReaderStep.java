package org.segprune.step;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.segprune.data.ImageFiles;
import org.segprune.model.MaskValues;
import org.segprune.data.Sample;
import org.segprune.data.SegmentationDataset;
import org.segprune.util.Progress;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.TableSchema;
import org.segprune.table.NodeTable;

/**
 * Segmentation Data Reader: pairs the images and masks of two folders by file stem, checks every
 * pair, and lists them as a table (row key = stem) with a seeded train/test split column.
 */
public final class DataReaderStep extends Step<DataReaderSettings> {

    public static final String IMAGE = "image";
    public static final String MASK = "mask";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String FOREGROUND = "foreground_fraction";
    public static final String SPLIT = "split";
    public static final String TRAIN = "train";
    public static final String TEST = "test";

    public static final TableSchema OUTPUT = TableSchema.of(
            new Column(IMAGE, ColumnType.STRING, "the image file (absolute path)"),
            new Column(MASK, ColumnType.STRING, "the mask file (absolute path)"),
            new Column(WIDTH, ColumnType.INT, "width in pixels"), new Column(HEIGHT, ColumnType.INT, "height in pixels"),
            new Column(FOREGROUND, ColumnType.DOUBLE, "share of mask pixels that are foreground (any class but background)"),
            new Column(SPLIT, ColumnType.STRING, "'train' or 'test'"));

    DataReaderStep() {
        super(new About("org.segprune.knime.nodes.datareader.DataReaderNodeFactory", "Source", "datareader.png",
                "Lists image/mask pairs of two folders with a seeded train/test split.",
                "<p>Pairs every image of the images folder with the mask of the same file stem in the masks folder "
                        + "(" + ImageFiles.FORMATS + ", grey or RGB, 8 or 16 bits), checks every pair before anything else "
                        + "runs (both files read, same size, mask holds only 0 and 255, or 0 and 1) and lists them, one row per pair with the stem as row ID. A "
                        + "seeded shuffle marks a share of the pairs 'test' and the others 'train', so one reader can feed "
                        + "training and evaluation nodes; the same seed gives the same split.</p>"
                        + "<p>A bad file is reported by name: an image without mask, a mask without image, an unreadable "
                        + "file, a size mismatch or a mask value the Mask values setting does not allow.</p>",
                List.of("segmentation", "images", "masks", "train test split")),
                DataReaderSettings.SCHEMA, List.of(),
                List.of(Port.table("Image table", "One row per image/mask pair (row ID: the file stem).", OUTPUT)));
    }

    @Override
    public DataReaderSettings settings(Map<String, String> raw) {
        return DataReaderSettings.from(raw);
    }

    @Override
    public List<Object> configure(DataReaderSettings settings, List<Object> inSpecs) {
        return List.of(configure(settings));
    }

    @Override
    public Result execute(DataReaderSettings settings, List<Object> inputs, Context context) {
        NodeTable table = run(settings, context.base(), context.progress());
        long test = table.column(SPLIT).stream().filter(TEST::equals).count();
        return new Result(List.of(table), String.format(Locale.ROOT, "%d image/mask pairs: %d train, %d test", table.size(),
                table.size() - test, test));
    }

    /** The output columns (they do not depend on the settings). */
    public static TableSchema configure(DataReaderSettings settings) {
        return OUTPUT;
    }

    /**
     * @param base folder that relative folder settings are resolved against (null: working directory)
     */
    public static NodeTable run(DataReaderSettings settings, Path base, Progress progress) {
        Path images = settings.imagesFolder(base).toAbsolutePath();
        Path masks = settings.masksFolder(base).toAbsolutePath();
        MaskValues maskValues = settings.maskValues();
        // classes are bounded by the model that reads them later; here any value the setting names is one
        int classes = maskValues.binary() ? 2 : maskValues.declaredClasses() > 0 ? maskValues.declaredClasses() : 1 << 16;
        SegmentationDataset data = SegmentationDataset.open(images.getParent(), images, masks, progress.sub(0, 0.6), maskValues,
                classes);
        SegmentationDataset.Split split = data.split(settings.testFraction(), settings.seed());
        Set<String> test = new HashSet<>();
        if (split.validation() != null) {
            split.validation().samples().forEach(s -> test.add(s.stem()));
        }
        NodeTable.Builder table = NodeTable.builder(OUTPUT);
        Progress rows = progress.sub(0.6, 1);
        int done = 0;
        boolean anyForeground = false;
        for (Sample sample : data.samples()) {
            rows.checkCancelled();
            BufferedImage mask = ImageFiles.read(sample.mask());
            float[] binary = ImageFiles.readMask(mask, sample.mask(), maskValues, classes);
            double foreground = 0;
            for (float v : binary) {
                foreground += v > 0 ? 1 : 0; // any class but background
            }
            anyForeground |= foreground > 0;
            table.add(sample.stem(), sample.image().toString(), sample.mask().toString(), mask.getWidth(), mask.getHeight(),
                    foreground / binary.length, test.contains(sample.stem()) ? TEST : TRAIN);
            rows.report(++done / (double) data.size(), "listed " + done + " of " + data.size() + " pairs");
        }
        if (!anyForeground) {
            progress.warn(ImageRows.noForeground(data.size(), "'" + masks + "'"));
        }
        return table.build();
    }
}
