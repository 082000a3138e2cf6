package org.segprune.evaluate;

import java.util.List;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;

/**
 * Metrics of one image: one row of the per-image table (row key: the image's stem); hd95 and assd are
 * NaN where exactly one of mask and prediction is empty.
 */
public record ImageMetrics(String stem, Confusion confusion, double foregroundFraction, SurfaceDistances boundary) {

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

    /** The cells of {@link #SCHEMA}. */
    public Object[] cells() {
        Confusion c = confusion;
        return new Object[] {c.dice(), c.iou(), c.precision(), c.recall(), c.specificity(), c.accuracy(), c.tp(), c.fp(),
            c.fn(), c.tn(), foregroundFraction, boundary.hd95(), boundary.assd()};
    }

    public static NodeTable toTable(List<ImageMetrics> images) {
        NodeTable.Builder table = NodeTable.builder(SCHEMA);
        images.forEach(image -> table.add(image.stem(), image.cells()));
        return table.build();
    }
}
