package org.segprune.table;

/**
 * A named, typed column, with the sentence the node description shows for it ({@code doc}, empty for
 * columns of input tables).
 */
public record Column(String name, ColumnType type, String doc) {

    public Column(String name, ColumnType type) {
        this(name, type, "");
    }
}
