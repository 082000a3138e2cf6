/**
 * Test support for code compiled against the compile-only KNIME API subset: ways to obtain objects that only the
 * KNIME framework can create (execution contexts, tables) and to round-trip port objects. Not part of KNIME, never
 * used by node code (the real-API compile check would fail on it).
 */
package org.segprune.knimetest;
