package org.segprune.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.prune.PrunePlan;
import org.segprune.train.EpochRecord;

/** One record serves JSON, CSV and the node table: same names, same order, same values. */
class RecordTablesTest {

    private static EvaluationReport report() {
        return new EvaluationReport("m", "unet", 3, new long[] {1, 1, 32, 32}, 0.5, EvaluationReport.AGGREGATION, 0.9, 0.01,
                0.91, 0.8, 0.02, 0.81, 0.7, 0.03, 0.71, 0.6, 0.04, 0.61, 0.5, 0.05, 0.51, 0.4, 0.06, 0.41, 3.5, 1.2, 1.1, 0.4,
                0, 1923, 2003, 0.0077, 0.01, 405_504, 0.000811, 1.5, 20, 1, "dl4j", "cpu",
                "CPU, 2 cores (amd64)", List.of("built", "trained"));
    }

    @Test
    void theReportTableHasTheJsonFieldsInTheirOrder() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report()));
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys, RecordTables.schemaOf(EvaluationReport.class).names());
        Object[] cells = RecordTables.cellsOf(report());
        TableSchema schema = RecordTables.schemaOf(EvaluationReport.class);
        assertEquals("1x1x32x32", cells[schema.indexOf("input_shape")]);
        assertEquals("built | trained", cells[schema.indexOf("provenance")]);
        assertEquals(1923L, cells[schema.indexOf("params")]);
        assertEquals(ColumnType.LONG, schema.columns().get(schema.indexOf("macs")).type());
        assertEquals(json.get("dice_pooled").asDouble(), cells[schema.indexOf("dice_pooled")]);
    }

    @Test
    void aNanIsAMissingCellAndAnExcludedComponentNoColumn() {
        Object[] cells = RecordTables.cellsOf(new EpochRecord(1, 0.5, Double.NaN, 1e-3, 2.0));
        assertNull(cells[2]);
        assertEquals(List.of("layer", "group", "channels_before", "channels_after"),
                RecordTables.schemaOf(PrunePlan.LayerPlan.class, "kept").names());
    }

    @Test
    void aLearningCurveCsvHasTheTableColumnsAndAnEmptyCellForNoValidation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("curve.csv");
        Csv.write(EpochRecord.toTable(List.of(new EpochRecord(1, 0.5, Double.NaN, 1e-3, 2.0))), null, file);
        assertEquals(List.of("epoch,loss,validation_dice,learning_rate,seconds", "1,0.5,,0.001,2.0"), Files.readAllLines(file));
    }
}
