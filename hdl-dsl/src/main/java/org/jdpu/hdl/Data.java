package org.jdpu.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * Any hardware value: a leaf {@link Signal} ({@link Bool}, {@link UInt}, {@link SInt}), a
 * {@link Vec} or a {@link Bundle}. A freshly made Data is an unbound prototype (a type);
 * {@code input}, {@code output}, {@code wire} and {@code reg} bind it to hardware once.
 */
public abstract sealed class Data permits Signal, Vec, Bundle {

    /** One leaf signal with its name relative to the root and whether an odd number of flips lies above it. */
    record Leaf(String name, boolean flipped, Signal signal) {}

    Data() {}

    /** Appends this data's leaves, depth first in declaration order. */
    abstract void collectLeaves(String prefix, boolean flipped, List<Leaf> out);

    /** A new unbound prototype of the same shape. */
    abstract Data cloneUnbound();

    final List<Leaf> leaves() {
        List<Leaf> out = new ArrayList<>();
        collectLeaves("", false, out);
        return out;
    }

    /** Total width of the leaves. */
    public int width() {
        int w = 0;
        for (Leaf leaf : leaves()) {
            w += leaf.signal().width();
        }
        return w;
    }

    /**
     * All leaves side by side as one UInt, leaf 0 (the first in declaration order, element 0 of a
     * vector) in the least significant bits: how a payload is stored in a memory word.
     */
    public UInt asUInt() {
        List<Signal> parts = new ArrayList<>();
        for (Leaf leaf : leaves()) {
            parts.add(leaf.signal());
        }
        return Hdl.cat(parts.reversed());
    }

    /**
     * Drives every leaf from its slice of {@code bits}, in the layout {@link #asUInt} produces
     * (the inverse of it); {@code bits} must be exactly as wide as this data. Meant for payloads:
     * flipped fields are driven like the others.
     */
    public void assignBits(UInt bits) {
        if (bits.width() != width()) {
            Build.error("assignBits: " + bits.ty + " does not match the " + width() + " bits of the data");
            return;
        }
        int lo = 0;
        for (Leaf leaf : leaves()) {
            Signal s = leaf.signal();
            UInt slice = s.width() == bits.width() ? bits : bits.bits(lo + s.width() - 1, lo);
            Build.connect(s, switch (s.ty.kind()) {
                case BOOL -> s.width() == bits.width() ? bits.asBool() : bits.bit(lo);
                case UINT -> slice;
                case SINT -> slice.asSInt();
            });
            lo += s.width();
        }
    }

    static String join(String prefix, String name) {
        if (prefix == null || prefix.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? prefix : prefix + "_" + name;
    }

    /**
     * Connects {@code source} to this data leaf by leaf (same shape required): plain leaves are
     * driven from the source, flipped bundle fields drive the source instead. This is how an
     * interface is connected to the other side of the same interface.
     */
    public void assign(Data source) {
        List<Leaf> mine = leaves();
        List<Leaf> theirs = source.leaves();
        org.jdpu.hdl.ir.SourceLoc loc = Locations.here();
        if (mine.size() != theirs.size()) {
            Build.error("cannot connect data of different shapes (" + mine.size() + " vs " + theirs.size()
                    + " leaves)");
            return;
        }
        for (int i = 0; i < mine.size(); i++) {
            Leaf t = mine.get(i);
            Leaf s = theirs.get(i);
            if (!t.name().equals(s.name())) {
                Build.error("cannot connect data of different shapes: field '" + t.name() + "' meets '"
                        + s.name() + "'");
                return;
            }
            if (t.flipped()) {
                Build.connect(s.signal(), t.signal(), loc);
            } else {
                Build.connect(t.signal(), s.signal(), loc);
            }
        }
    }
}
