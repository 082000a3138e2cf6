package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;

/** A string value (never {@code null}; use a missing cell instead). */
public final class StringCell extends DataCell implements StringValue {

    private static final long serialVersionUID = 1L;

    /** The type of string cells. */
    public static final DataType TYPE = DataType.getType(StringCell.class);

    private final String m_string;

    /** @throws NullPointerException if the argument is {@code null} */
    public StringCell(final String str) {
        if (str == null) {
            throw new NullPointerException("String value can't be null.");
        }
        m_string = str;
    }

    @Override
    public String getStringValue() {
        return m_string;
    }

    @Override
    public String toString() {
        return m_string;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((StringCell)dc).m_string.equals(m_string);
    }

    @Override
    public int hashCode() {
        return m_string.hashCode();
    }
}
