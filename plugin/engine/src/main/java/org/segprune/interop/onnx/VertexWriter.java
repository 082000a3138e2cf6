package org.segprune.interop.onnx;

/** Writes one DL4J layer or vertex type as ONNX nodes. */
@FunctionalInterface
interface VertexWriter {

    /** Writes the nodes and returns the ONNX tensor that holds the vertex's output. */
    String write(VertexCall call);
}
