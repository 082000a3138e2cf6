package org.segprune.node;

/** A named, typed column. */
public record Column(String name, ColumnType type) {
}
