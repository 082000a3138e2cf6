package org.segprune.knimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.container.DataContainer;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageCellFactory;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.segprune.knimetest.TestExecutionContexts;
import org.segprune.knimetest.TestTables;

/** In-memory tables, specs and cells. */
class TableTest {

    private static final DataTableSpec SPEC = new DataTableSpec(
        new DataColumnSpecCreator("name", StringCell.TYPE).createSpec(),
        new DataColumnSpecCreator("dice", DoubleCell.TYPE).createSpec(),
        new DataColumnSpecCreator("image", PNGImageContent.TYPE).createSpec());

    private static byte[] png(final int w, final int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 255);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void containerBuildsAnIterableBufferedTable() throws Exception {
        ExecutionContext exec = TestExecutionContexts.create();
        BufferedDataContainer c = exec.createDataContainer(SPEC);
        DataCell image = PNGImageCellFactory.create(png(4, 3));
        c.addRowToTable(new DefaultRow(RowKey.createRowKey(0L), new StringCell("a"), new DoubleCell(0.9), image));
        c.addRowToTable(new DefaultRow("Row1", new StringCell("b"), new IntCell(1), DataType.getMissingCell()));
        assertTrue(c.isOpen());
        assertThrows(IllegalStateException.class, c::getTable);
        c.close();
        BufferedDataTable t = c.getTable();
        assertSame(t, c.getTable());
        assertEquals(2, t.size());
        assertEquals(SPEC, t.getDataTableSpec());
        assertSame(t.getDataTableSpec(), t.getSpec());
        assertEquals("Rows: 2, Cols: 3", t.getSummary());

        List<DataRow> rows = TestTables.rows(t);
        assertEquals(new RowKey("Row0"), rows.get(0).getKey());
        assertEquals(0.9, ((DoubleValue)rows.get(0).getCell(1)).getDoubleValue());
        PNGImageContent content = ((PNGImageValue)rows.get(0).getCell(2)).getImageContent();
        assertEquals(4, content.getPreferredSize().width);
        assertEquals(3, content.getPreferredSize().height);
        assertTrue(rows.get(1).getCell(2).isMissing());
        assertEquals(1.0, ((DoubleValue)rows.get(1).getCell(1)).getDoubleValue(), "int accepted in double column");

        try (CloseableRowIterator it = t.iterator()) {
            assertTrue(it.hasNext());
            it.next();
            it.close();
            assertFalse(it.hasNext());
        }
        int n = 0;
        for (DataRow r : t) {
            n += r.getNumCells();
        }
        assertEquals(6, n);
    }

    @Test
    void containerRejectsRowsThatDontFitTheSpec() {
        BufferedDataContainer c = TestExecutionContexts.create().createDataContainer(SPEC);
        assertThrows(IllegalArgumentException.class, () -> c.addRowToTable(new DefaultRow("r", "only one")));
        assertThrows(IllegalArgumentException.class,
            () -> c.addRowToTable(new DefaultRow("r", new DoubleCell(1), new DoubleCell(1), new DoubleCell(1))));
        c.addRowToTable(new DefaultRow("r", new StringCell("x"), new DoubleCell(1), DataType.getMissingCell()));
        assertThrows(IllegalArgumentException.class, () -> c.addRowToTable(
            new DefaultRow("r", new StringCell("y"), new DoubleCell(2), DataType.getMissingCell())));
        c.close();
        assertThrows(IllegalStateException.class, () -> c.addRowToTable(
            new DefaultRow("s", new StringCell("y"), new DoubleCell(2), DataType.getMissingCell())));
    }

    @Test
    void plainDataContainerIsNotAutoCloseable() {
        assertFalse(AutoCloseable.class.isAssignableFrom(DataContainer.class));
        DataContainer c = new DataContainer(new DataTableSpec(new String[]{"v"}, new DataType[]{LongCell.TYPE}));
        c.addRowToTable(new DefaultRow("a", new LongCell(5)));
        c.close();
        assertEquals(1, c.size());
        assertEquals(new LongCell(5), c.getTable().iterator().next().getCell(0));
    }

    @Test
    void tableOperationsOfTheExecutionContext() throws Exception {
        ExecutionContext exec = TestExecutionContexts.create();
        DataTableSpec s1 = new DataTableSpec(new String[]{"a"}, new DataType[]{IntCell.TYPE});
        DataTableSpec s2 = new DataTableSpec(new String[]{"b"}, new DataType[]{StringCell.TYPE});
        BufferedDataTable t1 = TestTables.create(s1, new DefaultRow("r0", 1), new DefaultRow("r1", 2));
        BufferedDataTable t2 = TestTables.create(s2, new DefaultRow("r0", "x"), new DefaultRow("r1", "y"));
        BufferedDataTable joined = exec.createJoinedTable(t1, t2, exec);
        assertEquals(2, joined.getDataTableSpec().getNumColumns());
        assertEquals("y", ((StringValue)TestTables.rows(joined).get(1).getCell(1)).getStringValue());
        BufferedDataTable t3 = TestTables.create(s1, new DefaultRow("r2", 3));
        assertEquals(3, exec.createConcatenateTable(exec, t1, t3).size());
        assertThrows(IllegalArgumentException.class, () -> exec.createConcatenateTable(exec, t1, t1));
        assertEquals(0, exec.createVoidTable(s1).size());
        assertEquals(2, exec.createBufferedDataTable(joined, exec).size());
    }

    @Test
    void specsFindColumnsAndRejectDuplicates() {
        assertEquals(1, SPEC.findColumnIndex("dice"));
        assertEquals(-1, SPEC.findColumnIndex("nope"));
        assertTrue(SPEC.containsName("image"));
        assertTrue(SPEC.containsCompatibleType(PNGImageValue.class));
        assertEquals(List.of("name", "dice", "image"), List.of(SPEC.getColumnNames()));
        assertEquals(3, SPEC.stream().count());
        assertThrows(IllegalArgumentException.class,
            () -> new DataTableSpec(new String[]{"a", "a"}, new DataType[]{IntCell.TYPE, IntCell.TYPE}));
    }

    @Test
    void cellsAndTypes() {
        assertTrue(DoubleCell.TYPE.isCompatible(DoubleValue.class));
        assertFalse(DoubleCell.TYPE.isCompatible(IntValue.class));
        assertTrue(IntCell.TYPE.isCompatible(DoubleValue.class));
        assertEquals(IntValue.class, IntCell.TYPE.getPreferredValueClass());
        assertSame(BooleanCell.TRUE, BooleanCell.BooleanCellFactory.create(true));
        assertEquals(1, ((IntValue)BooleanCell.TRUE).getIntValue());
        assertEquals(new StringCell("a"), new StringCell("a"));
        assertNotEquals(new StringCell("a"), new StringCell("b"));
        assertEquals(DataType.getMissingCell(), DataType.getMissingCell());
        assertNotEquals(new IntCell(1), new LongCell(1));
        assertThrows(NullPointerException.class, () -> new StringCell(null));
        assertEquals(new RowKey("Row5"), RowKey.createRowKey(5L));
        assertInstanceOf(DoubleValue.class, new DefaultRow("r", 1.5).getCell(0));
        assertThrows(IllegalArgumentException.class, () -> new PNGImageContent(new byte[]{1, 2, 3}));
    }
}
