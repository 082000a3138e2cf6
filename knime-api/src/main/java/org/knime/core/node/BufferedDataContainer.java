package org.knime.core.node;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;

/** A {@link DataContainer} whose table is a {@link BufferedDataTable}; obtain it from {@link ExecutionContext}. */
public class BufferedDataContainer extends DataContainer {

    private BufferedDataTable m_resultTable;

    BufferedDataContainer(final DataTableSpec spec, final boolean initDomain, final int maxCellsInMemory) {
        super(spec, initDomain, maxCellsInMemory < 0 ? Integer.MAX_VALUE : maxCellsInMemory);
    }

    /** @throws IllegalStateException if the container is not closed */
    @Override
    public BufferedDataTable getTable() {
        if (m_resultTable == null) {
            m_resultTable = new BufferedDataTable(super.getTable());
        }
        return m_resultTable;
    }
}
