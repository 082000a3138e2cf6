package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.segprune.util.SegPruneException;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.TableSchema;
import org.segprune.table.NodeTable;

/** Plain tables: schema checks with messages that name the table, column and what it is for. */
class TablesTest {

    private static final TableSchema SCHEMA = TableSchema.of(new Column("image", ColumnType.STRING),
            new Column("size", ColumnType.INT));

    @Test
    void aMissingColumnIsNamedWithTheColumnsTheTableHas() {
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> SCHEMA.require("the image table", "mask", "mask paths", ColumnType.STRING));
        assertEquals("the image table has no column 'mask' (mask paths); its columns are: image, size", e.getMessage());
    }

    @Test
    void aColumnOfTheWrongTypeIsNamedWithItsType() {
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> SCHEMA.require("the image table", "size", "image paths", ColumnType.STRING));
        assertEquals("column 'size' of the image table must hold image paths as string cells, but its type is int",
                e.getMessage());
        assertEquals(1, SCHEMA.require("t", "size", "sizes", ColumnType.INT, ColumnType.LONG));
    }

    @Test
    void rowsAreCheckedAgainstTheSchema() {
        NodeTable.Builder builder = NodeTable.builder(SCHEMA).add("a", "x.png", 3).add("b", null, null);
        assertThrows(IllegalArgumentException.class, () -> builder.add("a", "y.png", 1));
        assertThrows(IllegalArgumentException.class, () -> builder.add("c", "y.png", 1L));
        assertThrows(IllegalArgumentException.class, () -> builder.add("d", "y.png"));
        assertEquals(2, builder.build().size());
    }

    @Test
    void anEmptyImageTableIsReportedAsEmpty() {
        NodeTable empty = NodeTable.builder(DataReaderStep.OUTPUT).build();
        ImageRows rows = new ImageRows("image", "mask", "split", "all");
        SegPruneException e = assertThrows(SegPruneException.class,
                () -> rows.select(empty, "the training table", org.segprune.util.Progress.NONE));
        assertEquals("the training table is empty: it needs at least one image/mask row", e.getMessage());
    }
}
