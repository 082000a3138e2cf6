package org.segprune.knime.nodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageCellFactory;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;

/** Converts between KNIME tables and the engine's plain tables (and their specs). */
public final class KnimeTables {

    private KnimeTables() {
    }

    /** @return the KNIME type of an engine column type */
    public static DataType typeOf(final ColumnType type) {
        return switch (type) {
            case INT -> IntCell.TYPE;
            case LONG -> LongCell.TYPE;
            case DOUBLE -> DoubleCell.TYPE;
            case BOOLEAN -> BooleanCell.TYPE;
            case PNG -> PNGImageContent.TYPE;
            default -> StringCell.TYPE;
        };
    }

    /** @return the engine column type a KNIME column is read as */
    public static ColumnType typeOf(final DataType type) {
        if (type.isCompatible(BooleanValue.class)) {
            return ColumnType.BOOLEAN;
        } else if (type.isCompatible(IntValue.class)) {
            return ColumnType.INT;
        } else if (type.isCompatible(LongValue.class)) {
            return ColumnType.LONG;
        } else if (type.isCompatible(DoubleValue.class)) {
            return ColumnType.DOUBLE;
        } else if (type.isCompatible(StringValue.class)) {
            return ColumnType.STRING;
        } else if (type.isCompatible(PNGImageValue.class)) {
            return ColumnType.PNG;
        }
        return ColumnType.OTHER;
    }

    /** @return the KNIME spec of an engine schema */
    public static DataTableSpec toSpec(final TableSchema schema) {
        List<DataColumnSpec> columns = new ArrayList<>();
        for (Column column : schema.columns()) {
            columns.add(new DataColumnSpecCreator(column.name(), typeOf(column.type())).createSpec());
        }
        return new DataTableSpec(columns.toArray(new DataColumnSpec[0]));
    }

    /** @return the engine schema of a KNIME spec, or null for a null spec (unconnected port) */
    public static TableSchema toSchema(final DataTableSpec spec) {
        if (spec == null) {
            return null;
        }
        List<Column> columns = new ArrayList<>();
        for (DataColumnSpec column : spec) {
            columns.add(new Column(column.getName(), typeOf(column.getType())));
        }
        return new TableSchema(columns);
    }

    /** Reads a KNIME table (null: null); missing cells become null. */
    public static NodeTable toNodeTable(final BufferedDataTable table, final ExecutionMonitor exec)
        throws CanceledExecutionException {
        if (table == null) {
            return null;
        }
        TableSchema schema = toSchema(table.getDataTableSpec());
        NodeTable.Builder rows = NodeTable.builder(schema);
        for (DataRow row : table) {
            exec.checkCanceled();
            Object[] cells = new Object[schema.columns().size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = read(row.getCell(i), schema.columns().get(i).type());
            }
            rows.add(row.getKey().getString(), cells);
        }
        return rows.build();
    }

    private static Object read(final DataCell cell, final ColumnType type) {
        if (cell.isMissing()) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> ((BooleanValue)cell).getBooleanValue();
            case INT -> ((IntValue)cell).getIntValue();
            case LONG -> ((LongValue)cell).getLongValue();
            case DOUBLE -> ((DoubleValue)cell).getDoubleValue();
            case STRING -> ((StringValue)cell).getStringValue();
            case PNG -> ((PNGImageValue)cell).getImageContent().getByteArray();
            default -> cell.toString();
        };
    }

    /** Writes an engine table into a new KNIME table, checking for cancel after every row. */
    public static BufferedDataTable toKnime(final NodeTable table, final ExecutionContext exec)
        throws CanceledExecutionException, IOException {
        BufferedDataContainer container = exec.createDataContainer(toSpec(table.schema()));
        List<Column> columns = table.schema().columns();
        for (NodeTable.Row row : table.rows()) {
            exec.checkCanceled();
            DataCell[] cells = new DataCell[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cell(row.cell(i), columns.get(i).type());
            }
            container.addRowToTable(new DefaultRow(new RowKey(row.key()), cells));
        }
        container.close();
        return container.getTable();
    }

    private static DataCell cell(final Object value, final ColumnType type) throws IOException {
        if (value == null) {
            return DataType.getMissingCell();
        }
        return switch (type) {
            case BOOLEAN -> BooleanCell.BooleanCellFactory.create((Boolean)value);
            case INT -> new IntCell((Integer)value);
            case LONG -> new LongCell((Long)value);
            case DOUBLE -> new DoubleCell((Double)value);
            case PNG -> PNGImageCellFactory.create((byte[])value);
            default -> new StringCell(value.toString());
        };
    }
}
