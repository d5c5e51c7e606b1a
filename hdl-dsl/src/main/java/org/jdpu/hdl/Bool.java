package org.jdpu.hdl;

import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Ty;

/** A single bit used as a condition; a {@link UInt} of width 1 with logical operators. */
public final class Bool extends UInt {

    Bool() {
        super(Ty.BOOL);
    }

    Bool(HwModule owner, int net) {
        super(Ty.BOOL, owner, net);
    }

    @Override
    public Bool named(String name) {
        super.named(name);
        return this;
    }

    public Bool and(Bool b) {
        return (Bool) Build.bitwise(OpKind.AND, this, b);
    }

    public Bool or(Bool b) {
        return (Bool) Build.bitwise(OpKind.OR, this, b);
    }

    public Bool xor(Bool b) {
        return (Bool) Build.bitwise(OpKind.XOR, this, b);
    }

    @Override
    public Bool not() {
        return (Bool) Build.op(OpKind.NOT, Ty.BOOL, 0, this);
    }
}
