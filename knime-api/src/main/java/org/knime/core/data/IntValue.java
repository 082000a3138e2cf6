package org.knime.core.data;

/** Cells that provide a int value. */
public interface IntValue extends DataValue {

    /** @return the int value of this cell */
    int getIntValue();
}
