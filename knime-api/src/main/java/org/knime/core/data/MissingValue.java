package org.knime.core.data;

/** Implemented by cells that represent a missing value. */
public interface MissingValue extends DataValue {

    /** @return an error message describing why the value is missing, or {@code null} */
    String getError();
}
