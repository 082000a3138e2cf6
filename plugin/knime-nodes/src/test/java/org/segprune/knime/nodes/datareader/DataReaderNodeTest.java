package org.segprune.knime.nodes.datareader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.segprune.knime.nodes.Fixtures;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.knimetest.TestExecutionContexts;
import org.segprune.table.NodeTable;
import org.segprune.util.SegPruneException;

/** Segmentation Data Reader through its node model. */
class DataReaderNodeTest {

    private static NodeModel reader(final Path dir) throws InvalidSettingsException {
        return NodeModels.create(new DataReaderNodeFactory(), "images_folder", dir.resolve("images").toString(),
            "masks_folder", dir.resolve("masks").toString(), "test_fraction", "0.25", "seed", "3");
    }

    @Test
    void configureWithoutFoldersFailsWithAClearMessage() {
        NodeModel model = new DataReaderNodeFactory().createNodeModel();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeModels.configure(model));
        assertEquals("choose the images folder", e.getMessage());
    }

    @Test
    void configureGivesTheTableSpec() throws Exception {
        PortObjectSpec[] specs = NodeModels.configure(reader(Fixtures.phantoms()));
        DataTableSpec spec = (DataTableSpec)specs[0];
        assertEquals(java.util.List.of("image", "mask", "width", "height", "foreground_fraction", "split"),
            java.util.List.of(spec.getColumnNames()));
    }

    @Test
    void executeListsEveryPairWithItsSizeForegroundAndSplit() throws Exception {
        ExecutionContext exec = Fixtures.exec();
        PortObject[] out = NodeModels.execute(reader(Fixtures.phantoms()), exec);
        BufferedDataTable table = (BufferedDataTable)out[0];
        assertEquals(NodeModels.configure(reader(Fixtures.phantoms()))[0], table.getDataTableSpec());
        NodeTable rows = Fixtures.read(table);
        assertEquals(12, rows.size());
        assertEquals("lung_0000", rows.rows().get(0).key());
        assertEquals(3, rows.rows().stream().filter(r -> "test".equals(r.cell(5))).count());
        assertTrue(rows.rows().stream().allMatch(r -> (Integer)r.cell(2) == 32 && (Double)r.cell(4) > 0));
        assertEquals(1.0, TestExecutionContexts.progress(exec));
    }

    @Test
    void aMaskThatIsNotBinaryFailsNamingTheFile(@TempDir final Path dir) throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("masks"));
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 3, 0, 100);
        ImageIO.write(grey, "png", dir.resolve("images/a.png").toFile());
        ImageIO.write(grey, "png", dir.resolve("masks/a.png").toFile());
        NodeModel model = reader(dir);
        SegPruneException e = assertThrows(SegPruneException.class, () -> NodeModels.execute(model, Fixtures.exec()));
        assertEquals("mask 'a.png' is not binary: pixel (2,3) is 100; masks must hold only 0 and 255 (or only 0 and 1)", e.getMessage());
    }

    @Test
    void aCancelledReaderLeavesNoOutput() throws Exception {
        ExecutionContext exec = Fixtures.exec();
        TestExecutionContexts.cancel(exec);
        NodeModel model = reader(Fixtures.phantoms());
        assertThrows(CanceledExecutionException.class, () -> NodeModels.execute(model, exec));
    }
}
