package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;

/**
 * A boolean value (also readable as 1/0). There is no public constructor: use {@link #TRUE}, {@link #FALSE} or
 * {@link BooleanCellFactory#create(boolean)}.
 */
public final class BooleanCell extends DataCell implements BooleanValue, IntValue, LongValue, DoubleValue {

    private static final long serialVersionUID = 1L;

    /** The type of boolean cells. */
    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    /** The {@code true} cell. */
    public static final BooleanCell TRUE = new BooleanCell(true);

    /** The {@code false} cell. */
    public static final BooleanCell FALSE = new BooleanCell(false);

    private final boolean m_value;

    private BooleanCell(final boolean b) {
        m_value = b;
    }

    /** @deprecated use {@link BooleanCellFactory#create(boolean)} */
    @Deprecated
    public static BooleanCell get(final boolean b) {
        return b ? TRUE : FALSE;
    }

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    public int getIntValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public long getLongValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public double getDoubleValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public String toString() {
        return Boolean.toString(m_value);
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((BooleanCell)dc).m_value == m_value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(m_value);
    }

    /** Factory for boolean cells. */
    public static final class BooleanCellFactory {

        private BooleanCellFactory() {
        }

        /** @return {@link BooleanCell#TRUE} or {@link BooleanCell#FALSE} */
        public static DataCell create(final boolean b) {
            return b ? TRUE : FALSE;
        }
    }
}
