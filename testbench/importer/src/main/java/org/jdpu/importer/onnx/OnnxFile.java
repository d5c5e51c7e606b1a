package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.google.protobuf.InvalidProtocolBufferException;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An ONNX model file read into its protobuf message, with the checks that make a damaged or
 * foreign file one clear error: not protobuf, truncated, no graph, no nodes.
 */
public record OnnxFile(Path file, ModelProto model) {

    public static OnnxFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new OnnxException(file, "no such file");
        } catch (IOException e) {
            throw new OnnxException(file, "cannot read: " + IoErrors.describe(e), e);
        }
        if (bytes.length == 0) throw new OnnxException(file, "empty file, not an ONNX model");
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxException(file, "not a valid ONNX model (truncated or corrupt protobuf: " + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new OnnxException(file, "not an ONNX model: it has no graph nodes (truncated or another kind of file?)");
        }
        return new OnnxFile(file, model);
    }

    public GraphProto graph() {
        return model.getGraph();
    }

    /** The default-domain operator set version (1 when the model does not say). */
    public long opset() {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) return o.getVersion();
        }
        return 1;
    }
}
