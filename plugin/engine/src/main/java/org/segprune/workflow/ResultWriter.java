package org.segprune.workflow;

import java.nio.file.Path;
import java.util.List;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.node.Column;
import org.segprune.node.ColumnType;
import org.segprune.node.NodeTable;
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

    static void writeCsv(NodeTable table, Path dir, String stem) {
        StringBuilder csv = new StringBuilder("row_key");
        for (Column column : table.schema().columns()) {
            csv.append(',').append(quote(column.name()));
        }
        csv.append('\n');
        for (NodeTable.Row row : table.rows()) {
            csv.append(quote(row.key()));
            for (int c = 0; c < table.schema().columns().size(); c++) {
                Column column = table.schema().columns().get(c);
                Object cell = row.cell(c);
                csv.append(',');
                if (cell == null) {
                    continue;
                }
                if (column.type() == ColumnType.PNG) {
                    String name = stem + "_" + column.name() + "/" + fileName(row.key()) + ".png";
                    byte[] png = (byte[]) cell;
                    AtomicFiles.writeStream(dir.resolve(name), out -> out.write(png));
                    csv.append(quote(name));
                } else {
                    csv.append(quote(cell.toString()));
                }
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(dir.resolve(stem + ".csv"), csv.toString());
    }

    private static String fileName(String key) {
        return key.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
