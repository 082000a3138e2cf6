package org.segprune.knime.nodes.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.segprune.knime.nodes.Fixtures;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.knime.nodes.scorer.AttentionScorerNodeFactory;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.model.ModelSummary;
import org.segprune.table.NodeTable;
import org.segprune.util.SegPruneException;

/** Filter Pruner through its node model. */
class FilterPrunerNodeTest {

    private static BufferedDataTable l1Scores() throws Exception {
        NodeModel scorer = NodeModels.create(new AttentionScorerNodeFactory(), "method", "l1");
        return (BufferedDataTable)NodeModels.execute(scorer, Fixtures.exec(), Fixtures.model(), null)[0];
    }

    @Test
    void configureChecksTheScoreTableAndTheModel() throws Exception {
        NodeModel model = NodeModels.create(new FilterPrunerNodeFactory());
        DataTableSpec noScore = new DataTableSpec(new String[]{"layer", "filter"},
            new DataType[]{StringCell.TYPE, IntCell.TYPE});
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeModels.configure(model, Fixtures.model().getSpec(), noScore));
        assertEquals("the score table has no column 'score' (scores); its columns are: layer, filter", e.getMessage());
        e = assertThrows(InvalidSettingsException.class,
            () -> NodeModels.configure(model, Fixtures.unprunableSpec(), l1Scores().getDataTableSpec()));
        assertTrue(e.getMessage().startsWith("the tiny model has no prunable layers"), e.getMessage());
        PortObjectSpec[] specs = NodeModels.configure(model, Fixtures.model().getSpec(), l1Scores().getDataTableSpec());
        assertNull(specs[0]);
        assertEquals(List.of("layer", "group", "channels_before", "channels_after"),
            List.of(((DataTableSpec)specs[1]).getColumnNames()));
    }

    @Test
    void aLocalRatioHalvesEveryPrunableLayer() throws Exception {
        NodeModel model = NodeModels.create(new FilterPrunerNodeFactory(), "mode", "ratio", "ratio", "0.5",
            "min_channels", "1");
        PortObject[] out = NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), l1Scores());
        ModelSummary before = Fixtures.model().getSpec().getModelSummary();
        ModelSummary after = ((SegmentationModelPortObject)out[0]).getSpec().getModelSummary();
        NodeTable plan = Fixtures.read(out[1]);
        assertEquals(before.prunableLayers().size(), plan.size());
        for (NodeTable.Row row : plan.rows()) {
            assertEquals(Math.round((Integer)row.cell(2) / 2.0), (long)(Integer)row.cell(3), row.key());
        }
        assertTrue(after.trainableParams() < before.trainableParams() / 2);
        assertTrue(after.provenance().get(after.provenance().size() - 1).startsWith("pruned with l1, local ratio 0.5000, min 1 channels"),
            after.provenance().toString());
    }

    @Test
    void anUnreachableBudgetFailsWithTheReachableFraction() throws Exception {
        NodeModel model = NodeModels.create(new FilterPrunerNodeFactory(), "mode", "keep_params", "keep_params", "0.01",
            "min_channels", "2");
        SegPruneException e = assertThrows(SegPruneException.class,
            () -> NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), l1Scores()));
        assertTrue(e.getMessage().startsWith("keep-params 0.01000 cannot be reached without removing whole layers"),
            e.getMessage());
    }
}
