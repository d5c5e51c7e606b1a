package org.jdpu.hdl.ir;

/**
 * The hardware type of one net: a {@code Bool}, an unsigned {@code UInt(w)} or a two's-complement
 * {@code SInt(w)}. Widths are always known at construction; there is no width inference.
 */
public record Ty(Kind kind, int width) {

    /** The three leaf kinds of the language. */
    public enum Kind { BOOL, UINT, SINT }

    public Ty {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        if (kind == Kind.BOOL && width != 1) {
            throw new IllegalArgumentException("Bool has width 1");
        }
    }

    public static final Ty BOOL = new Ty(Kind.BOOL, 1);

    public static Ty uint(int width) {
        return new Ty(Kind.UINT, width);
    }

    public static Ty sint(int width) {
        return new Ty(Kind.SINT, width);
    }

    public boolean signed() {
        return kind == Kind.SINT;
    }

    /** Same signedness family (Bool counts as unsigned), width {@code w}. */
    public Ty withWidth(int w) {
        return kind == Kind.SINT ? sint(w) : (w == 1 && kind == Kind.BOOL ? BOOL : uint(w));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BOOL -> "Bool";
            case UINT -> "UInt(" + width + ")";
            case SINT -> "SInt(" + width + ")";
        };
    }
}
