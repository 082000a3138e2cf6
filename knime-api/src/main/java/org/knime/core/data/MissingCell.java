package org.knime.core.data;

import java.util.Objects;

/** A missing value, optionally with a reason. All missing cells are equal to each other. */
public final class MissingCell extends DataCell implements MissingValue {

    private static final long serialVersionUID = 1L;

    private final String m_error;

    public MissingCell(final String error) {
        m_error = error;
    }

    @Override
    public String getError() {
        return m_error;
    }

    @Override
    public String toString() {
        return "?";
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return true; // not reached: DataCell.equals handles missing cells
    }

    @Override
    public int hashCode() {
        return Objects.hash(MissingCell.class.getName());
    }
}
