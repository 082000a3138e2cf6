package org.knime.core.data;

/** Marker interface of all value kinds a {@link DataCell} can provide (e.g. {@link DoubleValue}). */
public interface DataValue {
}
