package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.TfliteModel.Operator;

/**
 * A model part the mapping cannot express, e.g. an unsupported operator or a rescaling pool; the
 * import turns it into a {@link TfliteFormatException} naming the file.
 */
final class TfliteRefusal extends RuntimeException {
    TfliteRefusal(String message) {
        super(message);
    }

    /** A refusal of operator {@code op}: {@code operator #<index> <OP> <problem>}. */
    static TfliteRefusal of(Operator op, String problem) {
        return new TfliteRefusal(op.label() + " " + problem);
    }
}
