package org.knime.core.data;

/** Cells that provide a long value. */
public interface LongValue extends DataValue {

    /** @return the long value of this cell */
    long getLongValue();
}
