package org.jdpu.hdl;

import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Ty;

import java.math.BigInteger;
import java.util.List;

/**
 * A leaf hardware value of a fixed type: {@link Bool}, {@link UInt} or {@link SInt}. Operations
 * build nodes in the module under construction; their result widths follow the rules in the
 * module README, and nothing is ever truncated implicitly.
 */
public abstract sealed class Signal extends Data permits UInt, SInt {
    final Ty ty;
    HwModule owner;
    int net = -1;

    Signal(Ty ty) {
        this.ty = ty;
    }

    Signal(Ty ty, HwModule owner, int net) {
        this.ty = ty;
        this.owner = owner;
        this.net = net;
    }

    /** A bound signal of type {@code ty} for net {@code net} of {@code m}. */
    static Signal wrap(Ty ty, HwModule m, int net) {
        return switch (ty.kind()) {
            case BOOL -> new Bool(m, net);
            case UINT -> new UInt(ty, m, net);
            case SINT -> new SInt(ty, m, net);
        };
    }

    /** An unbound prototype of type {@code ty}. */
    static Signal proto(Ty ty) {
        return switch (ty.kind()) {
            case BOOL -> new Bool();
            case UINT -> new UInt(ty);
            case SINT -> new SInt(ty);
        };
    }

    public final Ty type() {
        return ty;
    }

    @Override
    public final int width() {
        return ty.width();
    }

    /** True once the signal stands for hardware (a port, wire, register or expression). */
    public final boolean isBound() {
        return owner != null;
    }

    /** Bit {@code i} (0 = least significant). */
    public final Bool bit(int i) {
        if (i < 0 || i >= width()) {
            Build.error("bit " + i + " is outside " + ty);
            return Build.zero(Ty.BOOL).asBool();
        }
        return (Bool) Build.op(OpKind.SLICE, Ty.BOOL, i, this);
    }

    /** Bits {@code hi} down to {@code lo}, inclusive, as a UInt. */
    public final UInt bits(int hi, int lo) {
        if (lo < 0 || hi >= width() || hi < lo) {
            Build.error("bits(" + hi + ", " + lo + ") is outside " + ty);
            return (UInt) Build.zero(Ty.uint(Math.max(1, hi - lo + 1)));
        }
        return (UInt) Build.op(OpKind.SLICE, Ty.uint(hi - lo + 1), lo, this);
    }

    /** The most significant bit (the sign of an SInt). */
    public final Bool msb() {
        return bit(width() - 1);
    }

    public final Bool orR() {
        return (Bool) Build.op(OpKind.ORR, Ty.BOOL, 0, this);
    }

    public final Bool andR() {
        return (Bool) Build.op(OpKind.ANDR, Ty.BOOL, 0, this);
    }

    public final Bool xorR() {
        return (Bool) Build.op(OpKind.XORR, Ty.BOOL, 0, this);
    }

    /** The same bits as an unsigned number. */
    @Override
    public UInt asUInt() {
        return (UInt) Build.op(OpKind.CAST, Ty.uint(width()), 0, this);
    }

    /** The same bits as a two's-complement number. */
    public SInt asSInt() {
        return (SInt) Build.op(OpKind.CAST, Ty.sint(width()), 0, this);
    }

    /** A one-bit signal as a Bool. */
    public final Bool asBool() {
        if (width() != 1) {
            Build.error("asBool() needs a 1-bit signal, got " + ty);
            return (Bool) Build.zero(Ty.BOOL);
        }
        if (this instanceof Bool b) {
            return b;
        }
        return (Bool) Build.op(OpKind.CAST, Ty.BOOL, 0, this);
    }

    /** Gives this net a Verilog name (kept unless it clashes). Returns this signal. */
    public Signal named(String name) {
        Build.name(this, name);
        return this;
    }

    /**
     * Drives this sink (output, wire, register next value, or an instance's input) with
     * {@code source} under the current when / switch branch; later assignments win. The source
     * must have the same signedness and at most this width; a narrower source is extended
     * (zero for unsigned, sign for signed); a wider one is an error (implicit truncation).
     */
    public final void assign(Signal source) {
        Build.connect(this, source);
    }

    /** Drives this sink with a constant that must fit its type. */
    public final void assign(long value) {
        Build.connect(this, Build.constant(ty, BigInteger.valueOf(value)));
    }

    public final void assign(BigInteger value) {
        Build.connect(this, Build.constant(ty, value));
    }

    @Override
    public void assign(Data source) {
        if (source instanceof Signal s) {
            assign(s);
        } else {
            super.assign(source);
        }
    }

    @Override
    final void collectLeaves(String prefix, boolean flipped, List<Leaf> out) {
        out.add(new Leaf(prefix, flipped, this));
    }

    @Override
    final Data cloneUnbound() {
        return proto(ty);
    }

    @Override
    public String toString() {
        return ty + (owner == null ? " (unbound)" : " " + owner.def.describe(net));
    }
}
