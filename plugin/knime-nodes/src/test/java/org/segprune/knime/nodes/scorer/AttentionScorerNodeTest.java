package org.segprune.knime.nodes.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.segprune.knime.nodes.Fixtures;
import org.segprune.knime.nodes.NodeModels;
import org.segprune.model.ModelSummary;
import org.segprune.table.NodeTable;

/** Attention Scorer through its node model. */
class AttentionScorerNodeTest {

    private static String configureError(final NodeModel model, final PortObjectSpec... specs) {
        return assertThrows(InvalidSettingsException.class, () -> NodeModels.configure(model, specs)).getMessage();
    }

    @Test
    void magnitudeScoresNeedNoImageTable() throws Exception {
        NodeModel model = NodeModels.create(new AttentionScorerNodeFactory(), "method", "l2");
        PortObjectSpec[] specs = NodeModels.configure(model, Fixtures.model().getSpec(), null);
        assertEquals(List.of("layer", "filter", "score", "rank", "method"),
            List.of(((DataTableSpec)specs[0]).getColumnNames()));
        assertSame(Fixtures.model().getSpec(), specs[1]);
    }

    @Test
    void configureErrorsNameWhatIsWrong() throws Exception {
        NodeModel se = NodeModels.create(new AttentionScorerNodeFactory(), "method", "se");
        assertEquals("method 'se' needs images: connect an image table",
            configureError(se, Fixtures.model().getSpec(), null));
        DataTableSpec noMask = new DataTableSpec(new String[]{"image", "split"},
            new DataType[]{StringCell.TYPE, StringCell.TYPE});
        assertEquals("the image table has no column 'mask' (mask paths); its columns are: image, split",
            configureError(se, Fixtures.model().getSpec(), noMask));
        DataTableSpec intImages = new DataTableSpec(new String[]{"image", "mask", "split"},
            new DataType[]{IntCell.TYPE, StringCell.TYPE, StringCell.TYPE});
        assertEquals("column 'image' of the image table must hold image paths as string cells, but its type is int",
            configureError(se, Fixtures.model().getSpec(), intImages));
        NodeModel l1 = NodeModels.create(new AttentionScorerNodeFactory(), "method", "l1");
        assertTrue(configureError(l1, Fixtures.unprunableSpec(), null).startsWith("the tiny model has no prunable layers"));
    }

    @Test
    void l1ScoresEveryPrunableFilterAndPassesTheModelThrough() throws Exception {
        NodeModel model = NodeModels.create(new AttentionScorerNodeFactory(), "method", "l1");
        PortObject[] out = NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), null);
        NodeTable scores = Fixtures.read(out[0]);
        ModelSummary summary = Fixtures.model().getSpec().getModelSummary();
        int filters = summary.layers().stream().filter(ModelSummary.LayerSummary::prunable)
            .mapToInt(ModelSummary.LayerSummary::channels).sum();
        assertEquals(filters, scores.size());
        assertSame(Fixtures.model(), out[1]);
        assertRanksArePermutations(scores);
    }

    @Test
    void seTrainsItsGatesOnTheTrainRowsAndScoresEveryFilter() throws Exception {
        NodeModel model = NodeModels.create(new AttentionScorerNodeFactory(), "method", "se", "epochs", "1",
            "batch_size", "4");
        NodeTable scores = Fixtures.read(NodeModels.execute(model, Fixtures.exec(), Fixtures.model(), Fixtures.images())[0]);
        assertEquals("se", scores.rows().get(0).cell(4));
        assertTrue(scores.rows().stream().allMatch(r -> Double.isFinite((Double)r.cell(2))));
        assertRanksArePermutations(scores);
    }

    private static void assertRanksArePermutations(final NodeTable scores) {
        Map<Object, Integer> filters = new HashMap<>();
        Map<Object, Integer> rankSum = new HashMap<>();
        for (NodeTable.Row row : scores.rows()) {
            filters.merge(row.cell(0), 1, Integer::sum);
            rankSum.merge(row.cell(0), (Integer)row.cell(3), Integer::sum);
        }
        filters.forEach((layer, n) -> assertEquals(n * (n + 1) / 2, rankSum.get(layer), layer.toString()));
    }

    @Test
    void cancellingAttentionTrainingLeavesNoOutput() throws Exception {
        NodeModel model = NodeModels.create(new AttentionScorerNodeFactory(), "method", "eca", "epochs", "3");
        assertThrows(CanceledExecutionException.class,
            () -> NodeModels.execute(model, Fixtures.cancellingAt(0.2), Fixtures.model(), Fixtures.images()));
    }
}
