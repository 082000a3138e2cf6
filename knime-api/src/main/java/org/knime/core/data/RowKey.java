package org.knime.core.data;

import java.io.Serializable;

/** The unique identifier (row ID) of a row. */
public final class RowKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String m_key;

    /** @throws NullPointerException if the argument is {@code null} */
    public RowKey(final String key) {
        if (key == null) {
            throw new NullPointerException("Row key must not be null.");
        }
        m_key = key;
    }

    public String getString() {
        return m_key;
    }

    /** @return a key "Row&lt;rowNo&gt;", KNIME's default row ID */
    public static RowKey createRowKey(final long rowNo) {
        return new RowKey("Row" + rowNo);
    }

    /** @return a key "Row&lt;rowNo&gt;", KNIME's default row ID */
    public static RowKey createRowKey(final int rowNo) {
        return createRowKey((long)rowNo);
    }

    public static RowKey[] toRowKeys(final String... strings) {
        RowKey[] keys = new RowKey[strings.length];
        for (int i = 0; i < strings.length; i++) {
            keys[i] = new RowKey(strings[i]);
        }
        return keys;
    }

    public static String[] toStrings(final RowKey... keys) {
        String[] strings = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            strings[i] = keys[i].getString();
        }
        return strings;
    }

    @Override
    public String toString() {
        return m_key;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj == this || (obj instanceof RowKey other && other.m_key.equals(m_key));
    }

    @Override
    public int hashCode() {
        return m_key.hashCode();
    }
}
