package org.knime.core.data;

import java.io.Serializable;

/**
 * Base class of all cell values: immutable, with a {@link DataType} derived from the implementing class and the
 * {@link DataValue} interfaces it implements (the first one is the preferred value).
 */
public abstract class DataCell implements DataValue, Serializable {

    private static final long serialVersionUID = 1L;

    /** @return {@code DataType.getType(getClass())} */
    public final DataType getType() {
        return DataType.getType(getClass());
    }

    /** @return whether this cell represents a missing value */
    public final boolean isMissing() {
        return this instanceof MissingValue;
    }

    @Override
    public abstract String toString();

    /**
     * Equal if both are missing, or of the same class and {@link #equalsDataCell(DataCell)} says so, or of different
     * classes with the same preferred value and {@link #equalContent(DataValue)} says so.
     */
    @Override
    public final boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataCell)) {
            return false;
        }
        DataCell other = (DataCell)o;
        if (isMissing() && other.isMissing()) {
            return true;
        }
        if (isMissing() || other.isMissing()) {
            return false;
        }
        if (getClass().equals(other.getClass())) {
            return equalsDataCell(other);
        }
        if (getType().getPreferredValueClass().equals(other.getType().getPreferredValueClass())) {
            return equalContent(other);
        }
        return false;
    }

    /** @param dc a non-missing cell of the same class */
    protected abstract boolean equalsDataCell(final DataCell dc);

    /** Compares with a cell of another class sharing the preferred value; default {@code false}. */
    protected boolean equalContent(final DataValue otherValue) {
        return false;
    }

    @Override
    public abstract int hashCode();
}
