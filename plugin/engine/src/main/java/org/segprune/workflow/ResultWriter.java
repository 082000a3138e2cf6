package org.segprune.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.Csv;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;
import org.segprune.util.AtomicFiles;

/**
 * Writes what a run produced: per node a folder named like the node's folder in the workflow, with
 * {@code port_<n>.csv} for tables and {@code port_<n>.zip} for models, n numbered as in KNIME (1 is
 * the first output). PNG cells are written as files under {@code port_<n>_<column>/} and the CSV
 * holds their relative paths.
 */
public final class ResultWriter {

    private ResultWriter() {
    }

    public static void write(WorkflowRunner.Result result, Path dir) {
        for (WorkflowDefinition.NodeEntry node : result.order()) {
            Path nodeDir = dir.resolve(node.folder());
            List<Object> outputs = result.outputs().get(node.id());
            for (int i = 0; i < outputs.size(); i++) {
                String stem = "port_" + (i + 1);
                Object output = outputs.get(i);
                if (output instanceof NodeTable table) {
                    writeCsv(table, nodeDir, stem);
                } else if (output instanceof SegmentationModel model) {
                    ModelIO.save(model, nodeDir.resolve(stem + ".zip"), false);
                }
            }
        }
    }

    /** The table as {@code <stem>.csv} with a first column {@code row_key}; PNG cells as files, the CSV holding their paths. */
    static void writeCsv(NodeTable table, Path dir, String stem) {
        List<Column> columns = new ArrayList<>();
        table.schema().columns().forEach(c -> columns.add(c.type() == ColumnType.PNG ? new Column(c.name(), ColumnType.STRING)
                : c));
        NodeTable.Builder written = NodeTable.builder(new TableSchema(columns));
        for (NodeTable.Row row : table.rows()) {
            Object[] cells = row.cells().toArray();
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] instanceof byte[] png) {
                    String name = stem + "_" + columns.get(c).name() + "/" + fileName(row.key()) + ".png";
                    AtomicFiles.writeStream(dir.resolve(name), out -> out.write(png));
                    cells[c] = name;
                }
            }
            written.add(row.key(), cells);
        }
        Csv.write(written.build(), "row_key", dir.resolve(stem + ".csv"));
    }

    private static String fileName(String key) {
        return key.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
