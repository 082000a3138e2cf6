package org.knime.core.data;

/** A read-only table: a spec and rows in a fixed order. */
public interface DataTable extends Iterable<DataRow> {

    DataTableSpec getDataTableSpec();

    @Override
    RowIterator iterator();
}
