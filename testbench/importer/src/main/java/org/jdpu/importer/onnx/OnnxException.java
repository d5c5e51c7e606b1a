package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import org.jdpu.io.UserError;

import java.nio.file.Path;

/** A model that cannot be imported; the message names the file and, where there is one, the node and its op. */
public final class OnnxException extends UserError {
    public OnnxException(Path file, String problem) {
        super(file + ": " + printable(problem));
    }

    public OnnxException(Path file, String problem, Throwable cause) {
        super(file + ": " + printable(problem), cause);
    }

    /** Names from a damaged file may hold control characters; the message stays one line. */
    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** A problem with {@code node}: {@code m.onnx: node "conv1" (Conv): problem}. */
    public static OnnxException at(Path file, NodeProto node, String problem) {
        return new OnnxException(file, describe(node) + ": " + problem);
    }

    /** {@code node "conv1" (Conv)}, or the node's first output when it has no name. */
    public static String describe(NodeProto node) {
        String name = !node.getName().isEmpty() ? node.getName()
                : node.getOutputCount() > 0 ? "output " + node.getOutput(0) : "unnamed";
        return "node \"" + name + "\" (" + node.getOpType() + ")";
    }
}
