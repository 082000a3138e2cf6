package org.segprune.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.segprune.table.NodeTable;
import org.segprune.table.RecordTables;
import org.segprune.table.TableSchema;

/**
 * One row of a learning curve; validation dice is NaN without a validation set (a missing cell in tables). While the
 * model alone predicts no foreground on the validation images, the dice is the one at the foreground guard's operating
 * point (its head moved to the masks' foreground share), when that is higher.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EpochRecord(int epoch, double loss, double validationDice, double learningRate, double seconds) {

    /** The learning curve's columns, in CSV and in the Fine-Tuner's table. */
    public static final TableSchema SCHEMA = RecordTables.schemaOf(EpochRecord.class);

    /** The curve as a table, row keys "epoch 1", "epoch 2", ... */
    public static NodeTable toTable(List<EpochRecord> curve) {
        NodeTable.Builder table = NodeTable.builder(SCHEMA);
        curve.forEach(epoch -> table.add("epoch " + epoch.epoch(), RecordTables.cellsOf(epoch)));
        return table.build();
    }
}
