package org.segprune.table;

/** Cell types of the plain tables nodes exchange; KNIME maps them to its cell types. */
public enum ColumnType {
    /** A string (Java String). */
    STRING,
    /** A 32-bit whole number (Integer). */
    INT,
    /** A 64-bit whole number (Long). */
    LONG,
    /** A real number (Double). */
    DOUBLE,
    /** A boolean (Boolean). */
    BOOLEAN,
    /** A PNG image (byte[] holding the file). */
    PNG,
    /** Any other cell type of an input table (read as its text). */
    OTHER;

    /** The lower-case name users see in messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
