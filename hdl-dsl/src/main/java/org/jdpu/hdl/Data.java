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
