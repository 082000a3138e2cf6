package org.segprune.step;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.segprune.data.ImageFiles;
import org.segprune.data.Sample;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.ModelInfo;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.TableSchema;
import org.segprune.table.NodeTable;

/**
 * Which rows of an image table a node uses and where their files are: the image and mask path
 * columns, and optionally only the train or test part of a split column (as the Segmentation Data
 * Reader writes it). Shared by every node that reads images from a table.
 */
public record ImageRows(String imageColumn, String maskColumn, String splitColumn, String rows) {

    public static final String IMAGE_COLUMN = "image_column";
    public static final String MASK_COLUMN = "mask_column";
    public static final String SPLIT_COLUMN = "split_column";
    public static final String ROWS = "rows";
    public static final String ALL = "all";

    /** The four settings, for a table at 0-based input port {@code port}. */
    public static List<SettingDef> defs(int port, String defaultRows, String group) {
        return List.of(
                SettingDef.column(IMAGE_COLUMN, "Image column", DataReaderStep.IMAGE, port,
                        "The string column with the path of each image file (" + ImageFiles.FORMATS + ").").inGroup(group),
                SettingDef.column(MASK_COLUMN, "Mask column", DataReaderStep.MASK, port,
                        "The string column with the path of each mask file: same size as its image, 0 for background "
                                + "and 255 (or 1) for foreground.").inGroup(group),
                SettingDef.choice(ROWS, "Rows", defaultRows, List.of(ALL, DataReaderStep.TRAIN, DataReaderStep.TEST),
                        List.of("every row of the table",
                                "only rows whose split column says 'train'",
                                "only rows whose split column says 'test'"),
                        "Which rows to use. The Segmentation Data Reader marks every row 'train' or 'test' in its split "
                                + "column, so one reader can feed training and evaluation.").inGroup(group),
                SettingDef.column(SPLIT_COLUMN, "Split column", DataReaderStep.SPLIT, port,
                        "The string column holding 'train' or 'test'; used unless Rows is 'all'.").inGroup(group)
                        .enabledWhen(ROWS, DataReaderStep.TRAIN, DataReaderStep.TEST));
    }

    /** A data set as an image table: columns image and mask (paths), one row per pair, keyed by stem. */
    public static NodeTable tableOf(SegmentationDataset data) {
        NodeTable.Builder table = NodeTable.builder(TableSchema.of(new Column(DataReaderStep.IMAGE, ColumnType.STRING),
                new Column(DataReaderStep.MASK, ColumnType.STRING)));
        data.samples().forEach(s -> table.add(s.stem(), s.image().toString(), s.mask().toString()));
        return table.build();
    }

    static ImageRows from(SettingValues values) {
        return new ImageRows(values.string(IMAGE_COLUMN), values.string(MASK_COLUMN), values.string(SPLIT_COLUMN),
                values.string(ROWS));
    }

    /**
     * Checks that the table has the columns these settings name, with string cells.
     *
     * @param table how messages name the table, e.g. "the training table"
     */
    public void check(TableSchema schema, String table) {
        schema.require(table, imageColumn, "image paths", ColumnType.STRING);
        schema.require(table, maskColumn, "mask paths", ColumnType.STRING);
        if (!rows.equals(ALL)) {
            schema.require(table, splitColumn, "the train/test split", ColumnType.STRING);
        }
    }

    /**
     * The selected rows as a data set (row keys become the sample stems), each image/mask pair read
     * and checked: files exist and read, sizes agree, masks are binary.
     *
     * @throws SegPruneException if no row is selected or a pair is bad, naming the row
     */
    public SegmentationDataset select(NodeTable table, String name, Progress progress) {
        return select(table, name, 0, progress);
    }

    /**
     * As {@link #select(NodeTable, String, Progress)}, warning through {@code progress} about soft problems: images
     * that are not {@code inputSize} square (they are resized) and a set of masks none of which has foreground.
     *
     * @param inputSize the model's input size, 0 if the images are not fed to a model
     */
    public SegmentationDataset select(NodeTable table, String name, int inputSize, Progress progress) {
        return select(table, name, inputSize, progress, null);
    }

    /**
     * As {@link #select(NodeTable, String, int, Progress)}, with the masks checked as {@code model} reads them (its
     * mask values; null: binary).
     */
    public SegmentationDataset select(NodeTable table, String name, int inputSize, Progress progress, ModelInfo model) {
        check(table.schema(), name);
        int image = table.schema().indexOf(imageColumn);
        int mask = table.schema().indexOf(maskColumn);
        int split = rows.equals(ALL) ? -1 : table.schema().indexOf(splitColumn);
        if (table.size() == 0) {
            throw new SegPruneException(name + " is empty: it needs at least one image/mask row");
        }
        List<NodeTable.Row> selected = new ArrayList<>();
        for (NodeTable.Row row : table.rows()) {
            if (split < 0 || rows.equals(row.cell(split))) {
                selected.add(row);
            }
        }
        if (selected.isEmpty()) {
            throw new SegPruneException(String.format(Locale.ROOT, "%s has no row whose column '%s' says '%s' (%d rows)",
                    name, splitColumn, rows, table.size()));
        }
        List<Sample> samples = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        for (NodeTable.Row row : selected) {
            progress.checkCancelled();
            Sample sample = new Sample(row.key(), path(row, image, imageColumn, name), path(row, mask, maskColumn, name));
            pairs.add(checkPair(sample, model));
            samples.add(sample);
            progress.report(samples.size() / (double) selected.size(),
                    "checked " + samples.size() + " of " + selected.size() + " image/mask pairs");
        }
        warnResized(samples, pairs, inputSize, progress);
        if (pairs.stream().noneMatch(pair -> pair.foreground() > 0)) {
            progress.warn(noForeground(pairs.size(), name));
        }
        Path root = samples.get(0).image().toAbsolutePath().getParent();
        return SegmentationDataset.of(root, samples);
    }

    private static Path path(NodeTable.Row row, int column, String columnName, String table) {
        Object value = row.cell(column);
        if (value == null || value.toString().isBlank()) {
            throw new SegPruneException("row '" + row.key() + "' of " + table + " has no path in column '" + columnName + "'");
        }
        Path path = Path.of(value.toString().trim());
        if (!Files.isRegularFile(path)) {
            throw new SegPruneException("row '" + row.key() + "' of " + table + ": file '" + path + "' does not exist");
        }
        return path;
    }

    /** What checking a pair learnt: its size and its mask's foreground pixels. */
    record Pair(int width, int height, long foreground) {
    }

    /** The warning for a set of masks none of which has foreground. */
    static String noForeground(int masks, String name) {
        return String.format(Locale.ROOT, "none of the %d masks of %s has any foreground (all are 0): dice is undefined "
                + "on them and a model trained on them learns to predict background only", masks, name);
    }

    private static void warnResized(List<Sample> samples, List<Pair> pairs, int inputSize, Progress progress) {
        if (inputSize <= 0) {
            return;
        }
        int resized = 0;
        int first = -1;
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).width() != inputSize || pairs.get(i).height() != inputSize) {
                resized++;
                first = first < 0 ? i : first;
            }
        }
        if (resized > 0) {
            Pair example = pairs.get(first);
            progress.warn(String.format(Locale.ROOT, "%d of %d images are not %dx%d, the model's input size (e.g. '%s' is "
                    + "%dx%d): they are resized to it, masks too", resized, pairs.size(), inputSize, inputSize,
                    samples.get(first).image().getFileName(), example.width(), example.height()));
        }
    }

    /** The data reader's checks for one pair: both read, same size, a mask as the model reads it (null: binary). */
    static Pair checkPair(Sample sample, ModelInfo model) {
        BufferedImage image = ImageFiles.read(sample.image());
        BufferedImage mask = ImageFiles.read(sample.mask());
        if (image.getWidth() != mask.getWidth() || image.getHeight() != mask.getHeight()) {
            throw new SegPruneException(String.format(Locale.ROOT, "mask '%s' is %dx%d but its image '%s' is %dx%d",
                    sample.mask().getFileName(), mask.getWidth(), mask.getHeight(), sample.image().getFileName(),
                    image.getWidth(), image.getHeight()));
        }
        long foreground = 0;
        for (float v : ImageFiles.readMask(mask, sample.mask(), model)) {
            foreground += v > 0 ? 1 : 0;
        }
        return new Pair(image.getWidth(), image.getHeight(), foreground);
    }
}
