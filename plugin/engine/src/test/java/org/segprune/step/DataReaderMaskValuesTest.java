package org.segprune.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.data.SegmentationDataset;
import org.segprune.graph.ModelSummaries;
import org.segprune.model.SegmentationModel;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;
import org.segprune.testutil.MultiClassModels;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/** Class masks through the nodes: the Data Reader reads them with its mask values and the Evaluator scores per class. */
class DataReaderMaskValuesTest {

    @TempDir
    Path dir;

    private NodeTable read(Path data, String maskValues) {
        return DataReaderStep.run(DataReaderSettings.from(Map.of(DataReaderSettings.IMAGES_FOLDER,
                data.resolve("images").toString(), DataReaderSettings.MASKS_FOLDER, data.resolve("masks").toString(),
                DataReaderSettings.MASK_VALUES, maskValues)), null, Progress.NONE);
    }

    @Test
    void classMasksReachTheEvaluatorThroughTheDataReader() {
        Path data = dir.resolve("classes");
        SegmentationDataset phantoms = MultiClassModels.phantoms(data, 4, 32, 8);
        SegPruneException binary = assertThrows(SegPruneException.class, () -> read(data, "binary"));
        assertTrue(binary.getMessage().contains("is not binary"), binary.getMessage());

        NodeTable images = read(data, "class-index");
        assertEquals(phantoms.size(), images.size());
        double fraction = (Double) images.column(DataReaderStep.FOREGROUND).get(0);
        assertTrue(fraction > 0 && fraction < 1, "share of pixels of any class but background: " + fraction);

        SegmentationModel model = MultiClassModels.softmaxUNet(32, 2, 4, 3, 5);
        model = new SegmentationModel(model.graph(), model.info().withMaskValues("class-index"));
        EvaluatorStep.Evaluated evaluated = EvaluatorStep.run(EvaluatorSettings.from(Map.of()), model, images, Progress.NONE);
        assertNotNull(evaluated.report().perClass(), "per-class figures for a 3-class model");
        assertEquals(3, evaluated.report().perClass().classes());
        TableSchema[] configured = EvaluatorStep.configure(EvaluatorSettings.from(Map.of()), ModelSummaries.of(model),
                images.schema());
        assertEquals(evaluated.perImage().schema().names(), configured[1].names(),
                "configure announces the per-class columns that execute writes");
    }

    @Test
    void aBadMaskValuesSettingNamesTheSetting() {
        SegPruneException e = assertThrows(SegPruneException.class, () -> DataReaderSettings.from(Map.of(
                DataReaderSettings.IMAGES_FOLDER, "i", DataReaderSettings.MASKS_FOLDER, "m", DataReaderSettings.MASK_VALUES,
                "colours")));
        assertTrue(e.getMessage().contains("[mask_values]"), e.getMessage());
    }
}
