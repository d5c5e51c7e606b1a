package org.jdpu.hdl;

import org.jdpu.hdl.ir.Ty;

/**
 * A two's-complement signed number of fixed width. Width rules as for {@link UInt}; operands
 * narrower than the result are sign-extended. The operations shared with {@code UInt} are those
 * of {@link Num}; this class adds the ones that only make sense signed.
 */
public final class SInt extends Signal implements Num<SInt> {

    SInt(Ty ty) {
        super(ty);
    }

    SInt(Ty ty, HwModule owner, int net) {
        super(ty, owner, net);
    }

    @Override
    public SInt named(String name) {
        super.named(name);
        return this;
    }

    /** a * b with an unsigned b, width wa + wb. */
    public SInt mul(UInt b) {
        return (SInt) Build.mul(this, b);
    }

    /** |a| as a UInt of the same width (|-2^(w-1)| = 2^(w-1) fits). */
    public UInt abs() {
        SInt negated = neg();
        return Hdl.mux(msb(), negated.asUInt().trunc(width()), asUInt());
    }

    /** Sign-extends to {@code w} bits; {@code w} must not be below the width. */
    public SInt sext(int w) {
        return extend(w);
    }
}
