package org.jdpu.hdl;

import org.jdpu.hdl.ir.Ty;

/**
 * An unsigned number of fixed width. Growing operators ({@code add}, {@code sub}, {@code mul},
 * {@code shl}) return a result wide enough for every value; {@code ...Wrap} variants keep the
 * wider operand's width and wrap around. The operations shared with {@link SInt} are those of
 * {@link Num}; this class adds the ones that only make sense unsigned.
 */
public sealed class UInt extends Signal implements Num<UInt> permits Bool {

    UInt(Ty ty) {
        super(ty);
    }

    UInt(Ty ty, HwModule owner, int net) {
        super(ty, owner, net);
    }

    @Override
    public UInt named(String name) {
        super.named(name);
        return this;
    }

    /** a * b with a signed b: SInt of width wa + wb. */
    public SInt mul(SInt b) {
        return (SInt) Build.mul(this, b);
    }

    /** Zero-extends to {@code w} bits; {@code w} must not be below the width. */
    public UInt zext(int w) {
        return extend(w);
    }

    /** The same value as an SInt one bit wider. */
    public SInt toSInt() {
        return (SInt) Build.resize(this, Ty.sint(width() + 1));
    }
}
