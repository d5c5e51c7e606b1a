package org.jdpu.hdl;

import org.jdpu.hdl.ir.ClockDomain;
import org.jdpu.hdl.ir.Memory;
import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.SourceLoc;
import org.jdpu.hdl.ir.Ty;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The DSL's vocabulary, meant to be imported statically ({@code import static org.jdpu.hdl.Hdl.*;}):
 * types, constants, wires, registers, memories, when / switch, mux and concatenation. Everything
 * acts on the module whose constructor is running.
 */
public final class Hdl {
    private Hdl() {}

    // ---- types (unbound prototypes) ----

    /** An unsigned type of {@code width} bits. */
    public static UInt uint(int width) {
        return new UInt(Ty.uint(checkWidth(width)));
    }

    /** A two's-complement type of {@code width} bits. */
    public static SInt sint(int width) {
        return new SInt(Ty.sint(checkWidth(width)));
    }

    public static Bool bool() {
        return new Bool();
    }

    /** A vector of {@code n} copies of the signal or vector prototype {@code element}. */
    public static <T extends Data> Vec<T> vec(int n, T element) {
        return copies(n, element);
    }

    /** A vector of {@code n} copies of an unsigned prototype (the most specific overloads keep the element type). */
    public static Vec<UInt> vec(int n, UInt element) {
        return copies(n, element);
    }

    public static Vec<SInt> vec(int n, SInt element) {
        return copies(n, element);
    }

    public static Vec<Bool> vec(int n, Bool element) {
        return copies(n, element);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Data> Vec<T> copies(int n, T element) {
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add((T) element.cloneUnbound());
        }
        return new Vec<>(list);
    }

    /**
     * A vector of {@code n} fresh prototypes made by {@code element}, e.g. a vector of bundles:
     * {@code vecOf(4, () -> new Stream(8))}.
     */
    public static <T extends Data> Vec<T> vecOf(int n, Supplier<T> element) {
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(element.get());
        }
        return new Vec<>(list);
    }

    /** Groups existing data (e.g. signals already built) into a vector. */
    public static <T extends Data> Vec<T> vecOf(List<T> elements) {
        return new Vec<>(elements);
    }

    private static int checkWidth(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        return width;
    }

    // ---- constants ----

    /** Unsigned constant of {@code width} bits. */
    public static UInt U(long value, int width) {
        return (UInt) Build.constant(Ty.uint(checkWidth(width)), BigInteger.valueOf(value));
    }

    public static UInt U(BigInteger value, int width) {
        return (UInt) Build.constant(Ty.uint(checkWidth(width)), value);
    }

    /** Unsigned constant of the smallest width that holds it. */
    public static UInt U(long value) {
        return U(value, Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(value, 0))));
    }

    /** Signed constant of {@code width} bits. */
    public static SInt S(long value, int width) {
        return (SInt) Build.constant(Ty.sint(checkWidth(width)), BigInteger.valueOf(value));
    }

    public static SInt S(BigInteger value, int width) {
        return (SInt) Build.constant(Ty.sint(checkWidth(width)), value);
    }

    /** Signed constant of the smallest width that holds it. */
    public static SInt S(long value) {
        return S(value, BigInteger.valueOf(value).bitLength() + 1);
    }

    public static Bool B(boolean value) {
        return (Bool) Build.constant(Ty.BOOL, value ? BigInteger.ONE : BigInteger.ZERO);
    }

    // ---- wires and registers ----

    /** A combinational signal named {@code name}; every path must assign it (or give it a default first). */
    public static <T extends Data> T wire(String name, T proto) {
        return Elaboration.module().bindWire(name, proto, Locations.here());
    }

    /** A wire named after the field that holds it (or a temporary name). */
    public static <T extends Data> T wire(T proto) {
        return Elaboration.module().bindWire(null, proto, Locations.here());
    }

    /** A register without reset; holds its value unless assigned. */
    public static <T extends Data> T reg(String name, T proto) {
        return Elaboration.module().bindReg(name, proto, null, null, Locations.here());
    }

    /** A register that the synchronous reset sets to {@code init} (every leaf). */
    public static <T extends Data> T regInit(String name, T proto, long init) {
        return Elaboration.module().bindReg(name, proto, BigInteger.valueOf(init), null, Locations.here());
    }

    public static <T extends Data> T regInit(String name, T proto, BigInteger init) {
        return Elaboration.module().bindReg(name, proto, init, null, Locations.here());
    }

    /** A register loading {@code next} every cycle, no reset. */
    public static <S extends Signal> S regNext(String name, S next) {
        return regWith(name, next, null, null);
    }

    /** A register loading {@code next} every cycle, reset to {@code init}. */
    public static <S extends Signal> S regNext(String name, S next, long init) {
        return regWith(name, next, BigInteger.valueOf(init), null);
    }

    /** A register loading {@code next} when {@code enable} is high, no reset. */
    public static <S extends Signal> S regEnable(String name, S next, Bool enable) {
        return regWith(name, next, null, enable);
    }

    /** A register loading {@code next} when {@code enable} is high, reset to {@code init}. */
    public static <S extends Signal> S regEnable(String name, S next, long init, Bool enable) {
        return regWith(name, next, BigInteger.valueOf(init), enable);
    }

    /**
     * The first register of a synchroniser: loads {@code next}, a bit that may come from an
     * unrelated clock domain, in the current domain, without reset. It is the one register the
     * crossing check lets through, so use it through {@link org.jdpu.hdl.lib.Synchronizer}, which
     * adds the second stage that lets a metastable value settle.
     */
    public static Bool synchronizerStage(String name, Bool next) {
        return regWith(name, next, null, null, true);
    }

    private static <S extends Signal> S regWith(String name, S next, BigInteger init, Bool enable) {
        return regWith(name, next, init, enable, false);
    }

    @SuppressWarnings("unchecked")
    private static <S extends Signal> S regWith(String name, S next, BigInteger init, Bool enable, boolean sync) {
        HwModule m = Elaboration.module();
        SourceLoc loc = Locations.here();
        S r = (S) m.bindReg(name, next.cloneUnbound(), init, enable, sync, loc);
        int saved = m.scope;
        m.scope = Scope.ROOT;
        try {
            Build.connect(r, next, loc);
        } finally {
            m.scope = saved;
        }
        return r;
    }

    // ---- memories ----

    /** A synchronous RAM of {@code depth} words shaped like {@code word}, written whole. */
    public static <S extends Signal> Mem<S> mem(String name, int depth, S word) {
        return mem(name, depth, word, 1, null);
    }

    /**
     * A synchronous RAM whose words are split in {@code lanes} equal lanes for masked writes,
     * optionally loaded at start-up from a $readmemh {@code initFile} (path as the simulator or
     * synthesis tool will see it; null for none).
     */
    public static <S extends Signal> Mem<S> mem(String name, int depth, S word, int lanes, String initFile) {
        HwModule m = Elaboration.module();
        SourceLoc loc = Locations.here();
        if (depth < 1) {
            throw new IllegalArgumentException("memory depth must be at least 1, got " + depth);
        }
        if (lanes < 1 || word.width() % lanes != 0) {
            m.report(loc, "memory '" + name + "': " + word.ty + " cannot be split in " + lanes + " equal lanes");
            lanes = 1;
        }
        Memory memory = new Memory(name, word.ty, depth, lanes, initFile, m.domain(), loc);
        int index = m.def.addMemory(memory);
        return new Mem<>(m, index, memory, word);
    }

    // ---- clock domains ----

    /**
     * Builds {@code body} in clock domain {@code d}: registers, memories and child modules made
     * inside belong to it (a child's own default). Outside it the module's domain is restored.
     * Signals may pass directly only between related domains ({@link ClockDomain#related});
     * the elaboration checks reject any other crossing that is not a
     * {@link org.jdpu.hdl.lib.Synchronizer}.
     */
    public static void inDomain(ClockDomain d, Runnable body) {
        Elaboration.module().inDomain(d, body);
    }

    // ---- control ----

    /** Runs {@code body} (whose assignments then apply only when {@code cond} holds). */
    public static When when(Bool cond, Runnable body) {
        HwModule m = Elaboration.module();
        SourceLoc loc = Locations.here();
        int c = m.ref(cond, loc);
        int chain = m.openChain(-1);
        m.branch(chain, c, body, loc);
        return new When(m, chain);
    }

    /** Starts a switch on {@code selector}; add cases with {@code is(value, body)}. */
    public static Switch switchOn(Signal selector) {
        HwModule m = Elaboration.module();
        SourceLoc loc = Locations.here();
        int sel = m.ref(selector, loc);
        int chain = m.openChain(sel);
        m.markOpen(chain);
        return new Switch(m, chain, selector);
    }

    // ---- expressions ----

    /** {@code sel ? a : b}; a and b of the same signedness, result as wide as the wider one. */
    @SuppressWarnings("unchecked")
    public static <S extends Signal> S mux(Bool sel, S a, S b) {
        return (S) Build.mux(sel, a, b);
    }

    /** {@code sel ? a : b} with b a constant of a's type. */
    @SuppressWarnings("unchecked")
    public static <S extends Signal> S mux(Bool sel, S a, long b) {
        return (S) Build.mux(sel, a, Build.sized(a, b));
    }

    /** {@code sel ? a : b} with a a constant of b's type. */
    @SuppressWarnings("unchecked")
    public static <S extends Signal> S mux(Bool sel, long a, S b) {
        return (S) Build.mux(sel, Build.sized(b, a), b);
    }

    /** inputs[index] (a tree of multiplexers). */
    @SuppressWarnings("unchecked")
    public static <S extends Signal> S select(UInt index, List<S> inputs) {
        return (S) Build.select(index, inputs);
    }

    /** Concatenation, first argument in the most significant bits; width = sum of widths. */
    public static UInt cat(Signal... parts) {
        return cat(List.of(parts));
    }

    public static UInt cat(List<? extends Signal> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("cat needs at least one part");
        }
        if (parts.size() == 1) {
            Signal only = parts.get(0);
            return only instanceof UInt u ? u : only.asUInt();
        }
        int w = 0;
        for (Signal p : parts) {
            w += p.width();
        }
        return (UInt) Build.op(OpKind.CAT, Ty.uint(w), 0, parts.toArray(new Signal[0]));
    }

    /** {@code n} copies of {@code s} side by side. */
    public static UInt fill(int n, Signal s) {
        List<Signal> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(s);
        }
        return cat(parts);
    }
}
