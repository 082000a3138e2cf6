package org.segprune.knimeapi;

import java.io.File;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnName;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** A classic node model written exactly as plug-in code would be: scales a double column. */
public class TinyNodeModel extends NodeModelBase {

    static SettingsModelDoubleBounded createFactor() {
        return new SettingsModelDoubleBounded("factor", 2.0, 0.0, 10.0);
    }

    static SettingsModelColumnName createColumn() {
        return new SettingsModelColumnName("column", null);
    }

    private final SettingsModelDoubleBounded m_factor = createFactor();

    private final SettingsModelColumnName m_column = createColumn();

    TinyNodeModel() {
        super(new PortType[]{BufferedDataTable.TYPE}, new PortType[]{BufferedDataTable.TYPE});
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec in = (DataTableSpec)inSpecs[0];
        if (m_column.getColumnName() == null || !in.containsName(m_column.getColumnName())) {
            throw new InvalidSettingsException("Select a numeric column");
        }
        return new PortObjectSpec[]{outSpec()};
    }

    private static DataTableSpec outSpec() {
        return new DataTableSpec(new DataColumnSpecCreator("scaled", DoubleCell.TYPE).createSpec());
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable in = (BufferedDataTable)inObjects[0];
        int col = in.getDataTableSpec().findColumnIndex(m_column.getColumnName());
        BufferedDataContainer out = exec.createDataContainer(outSpec());
        long i = 0;
        for (DataRow row : in) {
            exec.checkCanceled();
            double v = ((DoubleValue)row.getCell(col)).getDoubleValue();
            out.addRowToTable(new DefaultRow(row.getKey(), new DoubleCell(v * m_factor.getDoubleValue())));
            exec.setProgress(++i / (double)in.size(), () -> "row " + row.getKey());
        }
        out.close();
        return new PortObject[]{out.getTable()};
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        m_factor.saveSettingsTo(settings);
        m_column.saveSettingsTo(settings);
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_factor.validateSettings(settings);
        m_column.validateSettings(settings);
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_factor.loadSettingsFrom(settings);
        m_column.loadSettingsFrom(settings);
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // nothing
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // nothing
    }

    @Override
    protected void reset() {
        // nothing
    }
}
