package org.segprune.knime.nodes.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.segprune.knime.nodes.Fixtures;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.knimetest.TestTables;

/** Segmentation Predictor through its node model: KNIME PNG image cells and foreground fractions. */
class PredictorNodeTest {

    @Test
    void configureGivesThePredictionColumnsWithAPngImageColumn() throws Exception {
        NodeModel model = NodeModels.create(new PredictorNodeFactory());
        DataTableSpec spec = (DataTableSpec)NodeModels.configure(model, null, Fixtures.imagesSpec())[0];
        assertEquals(List.of("image", "predicted_mask", "foreground_fraction"), List.of(spec.getColumnNames()));
        assertEquals(PNGImageContent.TYPE, spec.getColumnSpec("predicted_mask").getType());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeModels.configure(model, null, (PortObjectSpec)null));
        assertEquals("connect an image table, or set Images from [source] to 'folder'", e.getMessage());
    }

    @Test
    void executeGivesOnePngCellPerImageMatchingItsFraction() throws Exception {
        NodeModel model = NodeModels.create(new PredictorNodeFactory());
        PortObject[] out = NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), Fixtures.images());
        List<DataRow> rows = TestTables.rows((BufferedDataTable)out[0]);
        assertEquals(TestTables.rows(Fixtures.images()).size(), rows.size());
        for (DataRow row : rows) {
            byte[] png = ((PNGImageValue)row.getCell(1)).getImageContent().getByteArray();
            BufferedImage mask = ImageIO.read(new ByteArrayInputStream(png));
            long foreground = 0;
            for (int y = 0; y < mask.getHeight(); y++) {
                for (int x = 0; x < mask.getWidth(); x++) {
                    foreground += mask.getRaster().getSample(x, y, 0) == 255 ? 1 : 0;
                }
            }
            double fraction = ((DoubleValue)row.getCell(2)).getDoubleValue();
            assertEquals(foreground / (double)(mask.getWidth() * mask.getHeight()), fraction, 1e-12);
            BufferedImage image = ImageIO.read(new java.io.File(row.getCell(0).toString()));
            assertEquals(image.getWidth(), mask.getWidth());
            assertEquals(image.getHeight(), mask.getHeight());
            assertTrue(row.getKey().getString().length() > 0);
        }
    }
}
