package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Typed access to a node's attributes with the ONNX defaults; a wrong type is an error naming the node. */
final class Attributes {
    private final Path file;
    private final NodeProto node;

    Attributes(Path file, NodeProto node) {
        this.file = file;
        this.node = node;
    }

    private AttributeProto find(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) return a;
        }
        return null;
    }

    boolean has(String name) {
        return find(name) != null;
    }

    long integer(String name, long fallback) {
        AttributeProto a = find(name);
        if (a == null) return fallback;
        if (a.getType() != AttributeProto.AttributeType.INT) throw wrongType(name, "an integer");
        return a.getI();
    }

    float real(String name, float fallback) {
        AttributeProto a = find(name);
        if (a == null) return fallback;
        if (a.getType() != AttributeProto.AttributeType.FLOAT) throw wrongType(name, "a float");
        return a.getF();
    }

    String string(String name, String fallback) {
        AttributeProto a = find(name);
        if (a == null) return fallback;
        if (a.getType() != AttributeProto.AttributeType.STRING) throw wrongType(name, "a string");
        return a.getS().toString(StandardCharsets.UTF_8);
    }

    /** An integer list, or {@code fallback} (may be null) when absent. */
    int[] ints(String name, int[] fallback) {
        AttributeProto a = find(name);
        if (a == null) return fallback;
        if (a.getType() != AttributeProto.AttributeType.INTS) throw wrongType(name, "a list of integers");
        List<Long> v = a.getIntsList();
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            long x = v.get(i);
            if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) throw OnnxException.at(file, node, name + " value " + x + " is out of range");
            out[i] = (int) x;
        }
        return out;
    }

    AttributeProto tensorAttribute(String name) {
        AttributeProto a = find(name);
        if (a != null && a.getType() != AttributeProto.AttributeType.TENSOR) throw wrongType(name, "a tensor");
        return a;
    }

    private OnnxException wrongType(String name, String wanted) {
        return OnnxException.at(file, node, "attribute " + name + " must be " + wanted);
    }
}
