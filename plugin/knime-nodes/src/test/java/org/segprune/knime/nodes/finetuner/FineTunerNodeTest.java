package org.segprune.knime.nodes.finetuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.segprune.knime.nodes.Fixtures;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.table.NodeTable;
import org.segprune.util.SegPruneException;

/** Fine-Tuner through its node model (2 epochs of the tiny U-Net on 32x32 phantoms). */
class FineTunerNodeTest {

    @Test
    void configureChecksTrainingAndValidationColumns() throws Exception {
        NodeModel model = NodeModels.create(new FineTunerNodeFactory());
        DataTableSpec noSplit = new DataTableSpec(new String[]{"image", "mask"},
            new DataType[]{StringCell.TYPE, StringCell.TYPE});
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeModels.configure(model, Fixtures.model().getSpec(), noSplit, null));
        assertEquals("the training table has no column 'split' (the train/test split); its columns are: image, mask",
            e.getMessage());
        DataTableSpec noMask = new DataTableSpec(new String[]{"image"}, new DataType[]{StringCell.TYPE});
        e = assertThrows(InvalidSettingsException.class,
            () -> NodeModels.configure(model, Fixtures.model().getSpec(), Fixtures.imagesSpec(), noMask));
        assertEquals("the validation table has no column 'mask' (mask paths); its columns are: image", e.getMessage());
        PortObjectSpec[] specs = NodeModels.configure(model, null, Fixtures.imagesSpec(), null);
        assertNull(specs[0]);
        assertEquals(List.of("epoch", "loss", "validation_dice", "learning_rate", "seconds"),
            List.of(((DataTableSpec)specs[1]).getColumnNames()));
    }

    @Test
    void executeTrainsACopyAndReportsTheLearningCurve() throws Exception {
        NodeModel model = NodeModels.create(new FineTunerNodeFactory(), "epochs", "2", "batch_size", "4");
        PortObject[] out = NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), Fixtures.images(), null);
        NodeTable curve = Fixtures.read(out[1]);
        assertEquals(2, curve.size());
        assertNotNull(curve.rows().get(1).cell(2));
        SegmentationModelPortObject trained = (SegmentationModelPortObject)out[0];
        List<String> provenance = trained.getSpec().getModelSummary().provenance();
        assertTrue(provenance.get(provenance.size() - 1).startsWith("trained: "), provenance.toString());
        assertEquals(1, Fixtures.model().getSpec().getModelSummary().provenance().size(), "the input is unchanged");
    }

    @Test
    void aValidationTableIsUsedWhole() throws Exception {
        NodeModel model = NodeModels.create(new FineTunerNodeFactory(), "epochs", "1", "batch_size", "4");
        PortObject[] out = NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), Fixtures.images(), Fixtures.images());
        assertNotNull(Fixtures.read(out[1]).rows().get(0).cell(2));
    }

    @Test
    void aTableWithoutTrainRowsFailsClearly() throws Exception {
        NodeModel model = NodeModels.create(new FineTunerNodeFactory(), "epochs", "1");
        String image = Fixtures.phantoms().resolve("images/lung_0000.png").toString();
        String mask = Fixtures.phantoms().resolve("masks/lung_0000.png").toString();
        SegPruneException e = assertThrows(SegPruneException.class, () -> NodeModels.execute(model, Fixtures.exec(),
            Fixtures.model(), Fixtures.table(new String[]{"a", image, mask, "test"}), null));
        assertEquals("the training table has no row whose column 'split' says 'train' (1 rows)", e.getMessage());
        e = assertThrows(SegPruneException.class,
            () -> NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), Fixtures.table(), null));
        assertEquals("the training table is empty: it needs at least one image/mask row", e.getMessage());
    }

    @Test
    void cancellingDuringTrainingLeavesNoOutput() throws Exception {
        NodeModel model = NodeModels.create(new FineTunerNodeFactory(), "epochs", "20", "batch_size", "2");
        assertThrows(CanceledExecutionException.class,
            () -> NodeModels.execute(model, Fixtures.cancellingAt(0.1), Fixtures.model(), Fixtures.images(), null));
    }
}
