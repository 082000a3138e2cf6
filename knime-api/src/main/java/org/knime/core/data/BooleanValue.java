package org.knime.core.data;

/** Cells that provide a boolean value. */
public interface BooleanValue extends DataValue {

    /** @return the boolean value of this cell */
    boolean getBooleanValue();
}
