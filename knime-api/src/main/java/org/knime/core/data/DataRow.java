package org.knime.core.data;

import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A row: a key and a fixed number of cells. Rows are read-only. */
public interface DataRow extends Iterable<DataCell> {

    int getNumCells();

    RowKey getKey();

    /** @throws IndexOutOfBoundsException for an invalid index */
    DataCell getCell(final int index);

    default Stream<DataCell> stream() {
        return StreamSupport.stream(spliterator(), false);
    }
}
