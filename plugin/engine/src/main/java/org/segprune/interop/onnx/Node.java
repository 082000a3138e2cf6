package org.segprune.interop.onnx;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import onnx.Onnx;

/** One ONNX node with typed access to its attributes and a name for error messages. */
final class Node {

    private final Onnx.NodeProto proto;
    private final Map<String, Onnx.AttributeProto> attributes = new HashMap<>();

    Node(Onnx.NodeProto proto) {
        this.proto = proto;
        for (Onnx.AttributeProto attribute : proto.getAttributeList()) {
            attributes.put(attribute.getName(), attribute);
        }
    }

    String op() {
        return proto.getOpType();
    }

    /** "Conv node '/enc0/Conv'" (or the first output's name when the node has none). */
    String describe() {
        String name = proto.getName().isEmpty() ? (proto.getOutputCount() > 0 ? proto.getOutput(0) : "?") : proto.getName();
        return op() + " node '" + name + "'";
    }

    String name() {
        return proto.getName().isEmpty() ? proto.getOutput(0) : proto.getName();
    }

    int inputCount() {
        return proto.getInputCount();
    }

    /** The i-th input's tensor name, or "" when absent (ONNX marks skipped optional inputs with ""). */
    String input(int i) {
        return i < proto.getInputCount() ? proto.getInput(i) : "";
    }

    String output(int i) {
        return proto.getOutput(i);
    }

    int outputCount() {
        return proto.getOutputCount();
    }

    boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    long integer(String attribute, long fallback) {
        Onnx.AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getI();
    }

    double real(String attribute, double fallback) {
        Onnx.AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getF();
    }

    String text(String attribute, String fallback) {
        Onnx.AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
    }

    long[] integers(String attribute, long[] fallback) {
        Onnx.AttributeProto a = attributes.get(attribute);
        if (a == null) {
            return fallback;
        }
        long[] values = new long[a.getIntsCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = a.getInts(i);
        }
        return values;
    }

    double[] reals(String attribute) {
        Onnx.AttributeProto a = attributes.get(attribute);
        if (a == null) {
            return null;
        }
        double[] values = new double[a.getFloatsCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = a.getFloats(i);
        }
        return values;
    }

    Onnx.AttributeProto attribute(String name) {
        return attributes.get(name);
    }

    OnnxFormatException unsupported(String why) {
        return new OnnxFormatException(describe() + ": " + why);
    }
}
