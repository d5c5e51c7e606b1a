package org.jdpu.spec;

import org.jdpu.io.UserError;

import java.nio.file.Path;

/**
 * A layer or network spec, or a tensor given with it, that is malformed, out of range or
 * inconsistent. The message names the file (when known), the JSON path of the field (e.g.
 * {@code $.kernel[1]}) or the operand ({@code weights}), and the bad value.
 */
public final class SpecException extends UserError {
    private final String field;
    private final String problem;
    private final transient Path file;

    public SpecException(String field, String problem) {
        this(null, field, problem);
    }

    public SpecException(Path file, String field, String problem) {
        super((file == null ? "" : file + ": ") + field + ": " + problem);
        this.file = file;
        this.field = field;
        this.problem = problem;
    }

    /** The same problem, located in {@code file}. */
    public SpecException in(Path file) {
        return new SpecException(file, field, problem);
    }

    /** JSON path ({@code $.quant.shift[3]}) or operand name ({@code weights}). */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The spec file, or null when the spec was built in code. */
    public Path file() {
        return file;
    }
}
