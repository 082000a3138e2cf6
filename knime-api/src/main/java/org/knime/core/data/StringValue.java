package org.knime.core.data;

/** Cells that provide a String value. */
public interface StringValue extends DataValue {

    /** @return the String value of this cell */
    String getStringValue();
}
