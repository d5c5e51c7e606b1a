package org.jdpu.hdl.ir;

/** One elaboration finding: an error that stops emission, or a warning that does not. */
public record Diagnostic(Severity severity, SourceLoc loc, String module, String message) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(SourceLoc loc, String module, String message) {
        return new Diagnostic(Severity.ERROR, loc, module, message);
    }

    public static Diagnostic warning(SourceLoc loc, String module, String message) {
        return new Diagnostic(Severity.WARNING, loc, module, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (isError() ? "error: " : "warning: ") + loc + ": " + message + " [in " + module + "]";
    }
}
