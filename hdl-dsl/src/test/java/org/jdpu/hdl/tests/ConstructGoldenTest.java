package org.jdpu.hdl.tests;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.ir.LocationStyle;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.jdpu.hdl.Hdl.*;

/**
 * One small design per construct group, pinned twice: its netlist text ({@code golden/ir/}) and
 * its Verilog ({@code golden/<group>/}, file-only location comments so that editing this file
 * does not churn them). Every design also goes through the three lint tools.
 */
class ConstructGoldenTest {

    private static void check(String group, Supplier<? extends HwModule> gen) {
        Design d = Design.elaborate(gen);
        Golden.checkIr(group, d);
        Golden.check(group, d.emit(group, EmitOptions.locations(LocationStyle.FILE)));
        Hw.emit(d, group);
    }

    /** Every operator family with the width rule it follows. */
    static final class Operators extends HwModule {
        Operators() {
            UInt a = input("a", uint(8));
            UInt b = input("b", uint(4));
            SInt s = input("s", sint(8));
            SInt t = input("t", sint(4));
            UInt sh = input("sh", uint(3));
            Bool c = input("c", bool());
            output("sum", uint(9)).assign(a.add(b));
            output("sum_wrap", uint(8)).assign(a.addWrap(b));
            output("diff", sint(9)).assign(a.sub(b));
            output("diff_wrap", sint(8)).assign(s.subWrap(t));
            output("product", sint(12)).assign(a.mul(t));
            output("negated", sint(9)).assign(s.neg());
            output("magnitude", uint(8)).assign(s.abs());
            output("bitwise", uint(8)).assign(a.and(b.zext(8)).or(a.not()).xor(U(0x5a, 8)));
            output("shl_const", uint(11)).assign(a.shl(3));
            output("shr_const", sint(6)).assign(s.shr(2));
            output("shl_var", uint(15)).assign(a.shl(sh));
            output("shr_var", sint(8)).assign(s.shr(sh));
            output("compare", uint(4)).assign(cat(a.eq(b), a.lt(b), s.ge(t), s.ne(-1)));
            output("reduce", uint(3)).assign(cat(a.orR(), a.andR(), a.xorR()));
            output("chosen", uint(8)).assign(mux(c, a, b.zext(8)));
            output("sliced", uint(6)).assign(cat(a.bits(7, 4), a.bit(0), s.msb()));
            output("extended", sint(12)).assign(t.sext(12));
            output("truncated", uint(4)).assign(a.trunc(4));
            output("resized", sint(6)).assign(s.resize(6));
            output("reinterpreted", uint(8)).assign(s.asUInt().xor(a.asSInt().asUInt()));
            output("widened", sint(9)).assign(a.toSInt());
            output("saturated", sint(4)).assign(s.saturate(4));
            output("clamped", uint(8)).assign(a.clamp(10, 200).min(a.max(b.zext(8))));
        }
    }

    @Test
    void operators() {
        check("operators", Operators::new);
    }

    /**
     * when / elseWhen / otherwise: a complete chain, nesting, and branches that assign only one
     * of two signals, which print as empty {@code begin end} branches so the else-chain keeps its
     * meaning.
     */
    static final class WhenChains extends HwModule {
        WhenChains() {
            Bool p = input("p", bool());
            Bool q = input("q", bool());
            Bool r = input("r", bool());
            UInt a = input("a", uint(4));
            UInt b = input("b", uint(4));
            UInt full = output("full", uint(4));
            UInt nested = output("nested", uint(4));
            UInt first = output("first", uint(4));
            UInt second = output("second", uint(4));
            when(p, () -> full.assign(a)).elseWhen(q, () -> full.assign(b)).otherwise(() -> full.assign(0));
            nested.assign(a);
            when(p, () -> when(q, () -> nested.assign(b)).otherwise(() -> nested.assign(a.xor(b))));
            first.assign(0);
            second.assign(0);
            when(p, () -> first.assign(a)).elseWhen(q, () -> second.assign(b)).elseWhen(r, () -> first.assign(b));
        }
    }

    @Test
    void whenChains() {
        check("when_chains", WhenChains::new);
    }

    /** switch / is: with a default, covering every value without one, and on a register. */
    static final class Switches extends HwModule {
        Switches() {
            UInt sel = input("sel", uint(2));
            Bool flag = input("flag", bool());
            UInt a = input("a", uint(4));
            UInt b = input("b", uint(4));
            UInt withDefault = output("with_default", uint(4));
            UInt everyValue = output("every_value", uint(4));
            UInt partial = output("partial", uint(4));
            switchOn(sel).is(0, () -> withDefault.assign(a)).is(1, () -> withDefault.assign(b))
                    .otherwise(() -> withDefault.assign(a.xor(b)));
            switchOn(flag).is(0, () -> everyValue.assign(b)).is(1, () -> everyValue.assign(a));
            partial.assign(0);
            switchOn(sel).is(2, () -> partial.assign(a));
            UInt state = regInit("state", uint(2), 0);
            switchOn(state).is(0, () -> state.assign(1)).is(1, () -> state.assign(2)).is(2, () -> state.assign(3))
                    .is(3, () -> state.assign(0));
            output("state_out", uint(2)).assign(state);
        }
    }

    @Test
    void switches() {
        check("switches", Switches::new);
    }

    /** Registers without and with reset, with an enable, both, and loaded under conditions. */
    static final class Registers extends HwModule {
        Registers() {
            Bool en = input("en", bool());
            Bool clear = input("clear", bool());
            UInt d = input("d", uint(8));
            SInt s = input("s", sint(8));
            UInt plain = reg("plain", uint(8));
            plain.assign(d);
            UInt next = regNext("next", d, 5);
            UInt enabled = regEnable("enabled", d, en);
            UInt both = regEnable("both", d, 3, en);
            SInt signed = regNext("signed", s, -1);
            UInt counter = regInit("counter", uint(8), 0);
            when(clear, () -> counter.assign(0)).elseWhen(en, () -> counter.assign(counter.addWrap(1)));
            output("plain_q", uint(8)).assign(plain);
            output("next_q", uint(8)).assign(next);
            output("enabled_q", uint(8)).assign(enabled);
            output("both_q", uint(8)).assign(both);
            output("signed_q", sint(8)).assign(signed);
            output("counter_q", uint(8)).assign(counter);
        }
    }

    @Test
    void registers() {
        check("registers", Registers::new);
    }

    /** A byte-lane RAM with a read enable, and a table loaded from a file, written whole words. */
    static final class Memories extends HwModule {
        Memories() {
            UInt waddr = input("waddr", uint(4));
            UInt raddr = input("raddr", uint(4));
            UInt wdata = input("wdata", uint(32));
            UInt strobe = input("strobe", uint(4));
            Bool we = input("we", bool());
            Bool re = input("re", bool());
            Mem<UInt> ram = mem("ram", 16, uint(32), 4, null);
            when(we, () -> ram.write(waddr, wdata, strobe));
            output("rdata", uint(32)).assign(ram.read(raddr, re));
            Mem<UInt> table = mem("table", 8, uint(32), 1, ConstructsTest.INIT);
            when(we.and(strobe.andR()), () -> table.write(waddr.trunc(3), wdata));
            output("tdata", uint(32)).assign(table.read(raddr.trunc(3)));
        }
    }

    @Test
    void memories() {
        check("memories", Memories::new);
    }

    /** A valid/ready link: data and valid run forward, ready runs back. */
    static final class Link extends Bundle {
        final UInt data;
        final Bool valid = field("valid", bool());
        final Bool ready = flipped("ready", bool());

        Link(int width) {
            data = field("data", uint(width));
        }
    }

    static final class LinkStage extends HwModule {
        final Link in = input("in", new Link(8));
        final Link out = output("out", new Link(8));

        LinkStage() {
            out.assign(in);
        }
    }

    /** Bundles through a child (flipped fields the other way) and vectors at hardware indexes. */
    static final class BundlesAndVecs extends HwModule {
        BundlesAndVecs() {
            Link src = input("src", new Link(8));
            Link dst = output("dst", new Link(8));
            LinkStage stage = instance("stage", new LinkStage());
            stage.in.assign(src);
            dst.assign(stage.out);
            Vec<UInt> v = input("v", vec(4, uint(8)));
            UInt idx = input("idx", uint(2));
            Bool we = input("we", bool());
            UInt d = input("d", uint(8));
            output("picked", uint(8)).assign(v.read(idx));
            Vec<UInt> regs = regInit("regs", vec(4, uint(8)), 0);
            when(we, () -> regs.write(idx, d));
            output("regs_out", vec(4, uint(8))).assign(regs);
        }
    }

    @Test
    void bundlesAndVecs() {
        check("bundles_vecs", BundlesAndVecs::new);
    }

    static final class Inc extends HwModule {
        final UInt a = input("a", uint(8));
        final UInt y = output("y", uint(8));

        Inc() {
            y.assign(a.addWrap(1));
        }
    }

    /**
     * Instance wiring: inputs connected straight to their source, an output driving a port or a
     * wire directly, an input assigned under a condition, three instances of one module.
     */
    static final class Instances extends HwModule {
        Instances() {
            UInt x = input("x", uint(8));
            Bool c = input("c", bool());
            UInt y = output("y", uint(8));
            UInt z = output("z", uint(8));
            Inc i0 = instance("i0", new Inc());
            Inc i1 = instance("i1", new Inc());
            Inc i2 = instance("i2", new Inc());
            i0.a.assign(x);
            i1.a.assign(i0.y);
            y.assign(i1.y);
            i2.a.assign(x);
            when(c, () -> i2.a.assign(i0.y));
            UInt w = wire("w", uint(8));
            w.assign(i2.y);
            z.assign(w.xor(x));
        }
    }

    @Test
    void instances() {
        check("instances", Instances::new);
    }

    /** Bits computed but not read: a slice of a product, part of a named wire, a whole instance output. */
    static final class UnusedBits extends HwModule {
        UnusedBits() {
            UInt a = input("a", uint(8));
            UInt b = input("b", uint(8));
            output("middle", uint(4)).assign(a.mul(b).bits(11, 8));
            UInt w = wire("w", uint(8));
            w.assign(a.xor(b));
            output("w_low", uint(2)).assign(w.bits(1, 0));
            output("w_top", bool()).assign(w.bit(7));
            Inc ignored = instance("ignored", new Inc());
            ignored.a.assign(a);
        }
    }

    /** The top is not called unused_bits: the collector wire of that name would hide it (VARHIDDEN). */
    @Test
    void unusedBits() {
        check("unused", UnusedBits::new);
    }
}
