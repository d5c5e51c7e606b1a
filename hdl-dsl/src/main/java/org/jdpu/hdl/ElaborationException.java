package org.jdpu.hdl;

import org.jdpu.hdl.ir.Diagnostic;

import java.util.List;

/**
 * Thrown by {@link Design#elaborate} when a design has errors. Carries every error found (not
 * just the first), each with the source line that created the offending signal or statement,
 * plus the warnings; the message lists them one per line.
 */
public final class ElaborationException extends RuntimeException {
    private final List<Diagnostic> errors;
    private final List<Diagnostic> warnings;

    public ElaborationException(String design, List<Diagnostic> errors, List<Diagnostic> warnings) {
        super(format(design, errors, warnings));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    public List<Diagnostic> errors() {
        return errors;
    }

    public List<Diagnostic> warnings() {
        return warnings;
    }

    private static String format(String design, List<Diagnostic> errors, List<Diagnostic> warnings) {
        StringBuilder b = new StringBuilder();
        b.append("elaboration of ").append(design).append(" failed with ").append(errors.size())
                .append(errors.size() == 1 ? " error" : " errors");
        if (!warnings.isEmpty()) {
            b.append(" and ").append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings");
        }
        b.append(':');
        for (Diagnostic d : errors) {
            b.append("\n  ").append(d);
        }
        for (Diagnostic d : warnings) {
            b.append("\n  ").append(d);
        }
        return b.toString();
    }
}
