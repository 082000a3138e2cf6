package org.segprune.step;

/** What travels on a connection: a table or a segmentation model. */
public enum PortKind {
    TABLE, MODEL
}
