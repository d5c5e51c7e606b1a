package org.jdpu.importer.tflite;

import org.jdpu.io.UserError;

import java.nio.file.Path;

/**
 * A {@code .tflite} file that cannot be read (truncated, not a TFLite flatbuffer, an offset or a
 * vector outside the file) or that uses something the importer does not map. The message names the
 * file and, where it applies, the part of the model (e.g. {@code subgraphs[0].tensors[12]}) or the
 * operator (index and op).
 */
public final class TfliteFormatException extends UserError {
    public TfliteFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
