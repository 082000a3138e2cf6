package org.segprune.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;

/**
 * Metrics of one image: one row of the per-image table (row key: the image's stem); hd95 and assd are
 * NaN where exactly one of mask and prediction is empty. For a multi-class model the confusion and
 * boundary are those of foreground (any class) against background, and {@code perClass} holds each
 * foreground class (1, 2, ...); it is empty for binary models.
 */
public record ImageMetrics(String stem, Confusion confusion, double foregroundFraction, SurfaceDistances boundary,
        List<ClassMetrics> perClass) {

    public ImageMetrics {
        perClass = List.copyOf(perClass);
    }

    /** A binary model's image. */
    public ImageMetrics(String stem, Confusion confusion, double foregroundFraction, SurfaceDistances boundary) {
        this(stem, confusion, foregroundFraction, boundary, List.of());
    }

    /** The name of the row-key column in CSV files. */
    public static final String IMAGE = "image";

    /** The per-image columns, in CSV and in the Segmentation Evaluator's table. */
    public static final TableSchema SCHEMA = TableSchema.of(new Column("dice", ColumnType.DOUBLE),
            new Column("iou", ColumnType.DOUBLE), new Column("precision", ColumnType.DOUBLE),
            new Column("recall", ColumnType.DOUBLE), new Column("specificity", ColumnType.DOUBLE),
            new Column("accuracy", ColumnType.DOUBLE), new Column("tp", ColumnType.LONG, "true positive pixels"),
            new Column("fp", ColumnType.LONG, "false positive pixels"), new Column("fn", ColumnType.LONG,
                    "false negative pixels"), new Column("tn", ColumnType.LONG, "true negative pixels"),
            new Column("foreground_fraction", ColumnType.DOUBLE, "share of true-mask pixels that are foreground"),
            new Column("hd95", ColumnType.DOUBLE, "95th-percentile Hausdorff distance in pixels (missing if exactly one mask is empty)"),
            new Column("assd", ColumnType.DOUBLE, "average symmetric surface distance in pixels (missing if exactly one mask is empty)"));

    /** Per-class figures of the per-image table, after {@link #SCHEMA}'s, per foreground class. */
    private static final List<String> PER_CLASS = List.of("dice", "iou", "hd95", "assd");

    /**
     * The per-image columns for a model with {@code classes} classes (background included): {@link #SCHEMA}, and
     * for a multi-class model ({@code classes > 0}) dice, iou, hd95 and assd of every foreground class
     * ("dice_class1", ...) and the mean dice over them. A binary model ({@code classes == 0}) gets SCHEMA alone.
     */
    public static TableSchema schema(int classes) {
        if (classes == 0) {
            return SCHEMA;
        }
        List<Column> columns = new ArrayList<>(SCHEMA.columns());
        for (int c = 1; c < classes; c++) {
            for (String metric : PER_CLASS) {
                columns.add(new Column(metric + "_class" + c, ColumnType.DOUBLE, metric + " of class " + c));
            }
        }
        columns.add(new Column("dice_mean_foreground", ColumnType.DOUBLE, "mean dice over the foreground classes"));
        return new TableSchema(columns);
    }

    /** The cells of {@link #schema(int)} for this image's model. */
    public Object[] allCells() {
        List<Object> cells = new ArrayList<>(Arrays.asList(cells()));
        if (perClass.isEmpty()) {
            return cells.toArray();
        }
        for (ClassMetrics c : perClass) {
            cells.add(c.confusion().dice());
            cells.add(c.confusion().iou());
            cells.add(c.boundary().hd95());
            cells.add(c.boundary().assd());
        }
        cells.add(PerClassReport.meanForegroundDice(this));
        return cells.toArray();
    }

    /** The cells of {@link #SCHEMA}. */
    public Object[] cells() {
        Confusion c = confusion;
        return new Object[] {c.dice(), c.iou(), c.precision(), c.recall(), c.specificity(), c.accuracy(), c.tp(), c.fp(),
            c.fn(), c.tn(), foregroundFraction, boundary.hd95(), boundary.assd()};
    }

    /** Classes of the images' model for {@link #schema(int)}: 0 for a binary model. */
    public static int classes(List<ImageMetrics> images) {
        return images.isEmpty() || images.get(0).perClass().isEmpty() ? 0 : images.get(0).perClass().size() + 1;
    }

    public static NodeTable toTable(List<ImageMetrics> images) {
        NodeTable.Builder table = NodeTable.builder(schema(classes(images)));
        images.forEach(image -> table.add(image.stem(), image.allCells()));
        return table.build();
    }
}
