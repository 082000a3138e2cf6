package org.knime.core.data;

/** Cells that provide a double value. */
public interface DoubleValue extends DataValue {

    /** @return the double value of this cell */
    double getDoubleValue();
}
