package org.segprune.knime.nodes.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
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
import org.segprune.step.EvaluatorStep;
import org.segprune.table.NodeTable;
import org.segprune.util.SegPruneException;

/** Segmentation Evaluator through its node model. */
class EvaluatorNodeTest {

    @Test
    void configureGivesTheMetricsAndPerImageSpecs() throws Exception {
        NodeModel model = NodeModels.create(new EvaluatorNodeFactory());
        PortObjectSpec[] specs = NodeModels.configure(model, null, Fixtures.imagesSpec(), null);
        assertEquals(EvaluatorStep.METRICS.names(), List.of(((DataTableSpec)specs[0]).getColumnNames()));
        DataTableSpec perImage = (DataTableSpec)specs[1];
        assertEquals(PNGImageContent.TYPE, perImage.getColumnSpec("overlay").getType());
        NodeModel plain = NodeModels.create(new EvaluatorNodeFactory(), "overlays", "false");
        assertFalse(((DataTableSpec)NodeModels.configure(plain, null, Fixtures.imagesSpec(), null)[1]).containsName("overlay"));
        NodeModel renamed = NodeModels.create(new EvaluatorNodeFactory(), "mask_column", "truth");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeModels.configure(renamed, null, Fixtures.imagesSpec(), null));
        assertTrue(e.getMessage().startsWith("the image table has no column 'truth' (mask paths)"), e.getMessage());
    }

    @Test
    void executeMeasuresTheTestRowsWithOverlays() throws Exception {
        NodeModel model = NodeModels.create(new EvaluatorNodeFactory(), "model_name", "tiny");
        PortObject[] out = NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), Fixtures.images(), null);
        NodeTable metrics = Fixtures.read(out[0]);
        assertEquals(1, metrics.size());
        int index = EvaluatorStep.METRICS.indexOf("images");
        assertEquals(4, metrics.rows().get(0).cell(index));
        double dice = (Double)metrics.rows().get(0).cell(EvaluatorStep.METRICS.indexOf("dice_mean"));
        assertTrue(dice >= 0 && dice <= 1);
        assertEquals("tiny", metrics.rows().get(0).cell(0));
        List<DataRow> rows = TestTables.rows((BufferedDataTable)out[1]);
        assertEquals(4, rows.size());
        int overlay = ((BufferedDataTable)out[1]).getDataTableSpec().findColumnIndex("overlay");
        byte[] png = ((PNGImageValue)rows.get(0).getCell(overlay)).getImageContent().getByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(32, image.getHeight());
        assertEquals(3 * 32 + 4, image.getWidth());
    }

    @Test
    void anEmptyTableFailsClearly() throws Exception {
        NodeModel model = NodeModels.create(new EvaluatorNodeFactory());
        SegPruneException e = assertThrows(SegPruneException.class,
            () -> NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), Fixtures.table(), null));
        assertEquals("the image table is empty: it needs at least one image/mask row", e.getMessage());
    }

    @Test
    void chainedEvaluatorsGatherEveryModelsRowInOneTable() throws Exception {
        PortObject[] first = NodeModels.execute(NodeModels.create(new EvaluatorNodeFactory(), "model_name", "baseline",
            "overlays", "false"), Fixtures.exec(), Fixtures.model(), Fixtures.images(), null);
        NodeModel second = NodeModels.create(new EvaluatorNodeFactory(), "model_name", "pruned", "overlays", "false");
        PortObjectSpec[] specs = NodeModels.configure(second, null, Fixtures.imagesSpec(), first[0].getSpec());
        assertEquals(EvaluatorStep.METRICS.names(), List.of(((DataTableSpec)specs[0]).getColumnNames()));
        NodeTable gathered = Fixtures.read(NodeModels.execute(second, Fixtures.exec(), Fixtures.model(), Fixtures.images(),
            first[0])[0]);
        assertEquals(List.of("baseline", "pruned"), gathered.rows().stream().map(NodeTable.Row::key).toList());
        assertEquals(List.of("baseline", "pruned"), gathered.column("model"));
        assertEquals(Fixtures.read(first[0]).rows().get(0).cells(), gathered.rows().get(0).cells());
    }

    @Test
    void anEarlierTableThatIsNoMetricsTableFailsInConfigure() throws Exception {
        NodeModel model = NodeModels.create(new EvaluatorNodeFactory());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeModels.configure(model, null, Fixtures.imagesSpec(), Fixtures.imagesSpec()));
        assertTrue(e.getMessage().startsWith("the earlier metrics table has no column 'model'"), e.getMessage());
    }
}
