package org.knime.core.data.container;

import java.io.Closeable;
import java.util.Collections;
import java.util.Iterator;

import org.knime.core.data.DataRow;
import org.knime.core.data.RowIterator;

/** A row iterator that can be closed early to release resources (a no-op for in-memory tables). */
public abstract class CloseableRowIterator extends RowIterator implements Closeable {

    public static CloseableRowIterator from(final Iterator<DataRow> iterator) {
        return iterator instanceof CloseableRowIterator closeable ? closeable : wrap(iterator);
    }

    public static CloseableRowIterator wrap(final Iterator<DataRow> delegate) {
        return new CloseableRowIterator() {
            @Override
            public boolean hasNext() {
                return delegate.hasNext();
            }

            @Override
            public DataRow next() {
                return delegate.next();
            }

            @Override
            public void close() {
                // nothing to close
            }
        };
    }

    public static CloseableRowIterator empty() {
        return wrap(Collections.emptyIterator());
    }

    /** Closes this iterator; afterwards {@code hasNext()} returns false. Repeated calls are ignored. */
    @Override
    public abstract void close();
}
