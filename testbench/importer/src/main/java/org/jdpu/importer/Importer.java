package org.jdpu.importer;

import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.importer.onnx.OnnxImport;
import org.jdpu.importer.tflite.TfliteImport;
import org.jdpu.io.UserError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The import entry point: picks the reader by the model file's extension ({@code .onnx} or
 * {@code .tflite}) and writes {@code DIR/network.json}, its tensors and {@value ModelEdgeJson#FILE}.
 * Nothing is written when the import fails.
 */
public final class Importer {
    private Importer() {}

    /** The model formats by extension. */
    public enum Format { ONNX, TFLITE }

    public static Format formatOf(Path model) {
        String name = model.getFileName() == null ? "" : model.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) return Format.ONNX;
        if (name.endsWith(".tflite")) return Format.TFLITE;
        throw new UserError(model + ": unknown model format; the file name must end in .onnx or .tflite");
    }

    public static ImportResult run(Path model, ImportOptions options, Path outDir) {
        Format format = formatOf(model);
        if (!Files.isRegularFile(model)) {
            throw new UserError(model + ": " + (Files.exists(model) ? "not a regular file" : "no such file"));
        }
        return switch (format) {
            case ONNX -> OnnxImport.run(model, options, outDir);
            case TFLITE -> {
                if (options.calibration() != null) {
                    throw new UserError(model + ": a TFLite model is already int8; it takes no --calibration");
                }
                yield TfliteImport.run(model, outDir);
            }
        };
    }
}
