package org.jdpu.hdl.tests;

import org.apache.commons.math3.random.RandomGenerator;
import org.jdpu.hdl.BlackBox;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.hdl.lib.Stream;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One verilated design exercising every construct (registers with reset and enable, nested
 * when / elseWhen / otherwise with last-connect defaults, switch with and without default,
 * vectors read and written at hardware indexes, bundles with flipped fields through a child,
 * a masked sync-read RAM loaded from a file, parameterised black boxes, one clocked through
 * {@code clock()}), driven with random
 * inputs and compared every cycle with a Java model of the same behaviour.
 */
class ConstructsTest {
    static final String INIT = "src/test/resources/mem_init.hex";

    /** The stream child: adds one to the data, passes valid forward and ready back. */
    static final class Incrementer extends HwModule {
        final Stream<UInt> in = input("in", Stream.ofWidth(8));
        final Stream<UInt> out = output("out", Stream.ofWidth(8));

        Incrementer() {
            out.data.assign(in.data.addWrap(1));
            out.valid.assign(in.valid);
            in.ready.assign(out.ready);
        }
    }

    /** The external adder of src/test/resources/verilog/ext_adder.v. */
    static final class ExtAdder extends BlackBox {
        final UInt a = input("a", uint(12));
        final UInt b = input("b", uint(12));
        final UInt s = output("s", uint(13));

        ExtAdder() {
            super("ext_adder");
            parameter("W", 12);
            source("src/test/resources/verilog/ext_adder.v");
        }
    }

    /** A registered external module with its own clock port, driven with clock(). */
    static final class ExtDelay extends BlackBox {
        final Bool clk = input("clk", bool());
        final UInt d = input("d", uint(8));
        final UInt q = output("q", uint(8));

        ExtDelay() {
            super("ext_delay");
            parameter("W", 8);
            source("src/test/resources/verilog/ext_delay.v");
        }
    }

    static final class Constructs extends HwModule {
        // registers
        final UInt d = input("d", uint(8));
        final Bool en = input("en", bool());
        final UInt sel = input("sel", uint(2));
        final UInt qReset = output("q_reset", uint(8));
        final UInt qEnable = output("q_enable", uint(8));
        final UInt qNext = output("q_next", uint(8));
        final UInt qNested = output("q_nested", uint(8));
        // combinational control
        final SInt x = input("x", sint(8));
        final SInt y = input("y", sint(8));
        final Bool c = input("c", bool());
        final SInt wDefault = output("w_default", sint(8));
        final SInt sw = output("sw", sint(9));
        final SInt exhaustive = output("exhaustive", sint(8));
        final SInt skip = output("skip", sint(8));
        // vectors
        final Vec<UInt> v = input("v", vec(4, uint(8)));
        final UInt idx = input("idx", uint(2));
        final UInt vRead = output("v_read", uint(8));
        final Vec<UInt> vRegs = output("v_regs", vec(4, uint(8)));
        // bundles
        final Stream<UInt> s = input("s", Stream.ofWidth(8));
        final Stream<UInt> m = output("m", Stream.ofWidth(8));
        // memory
        final UInt raddr = input("raddr", uint(4));
        final Bool ren = input("ren", bool());
        final UInt waddr = input("waddr", uint(4));
        final UInt wdata = input("wdata", uint(32));
        final UInt wmask = input("wmask", uint(4));
        final Bool we = input("we", bool());
        final UInt rdata = output("rdata", uint(32));
        // black boxes
        final UInt sum = output("sum", uint(13));
        final UInt delayed = output("delayed", uint(8));

        Constructs() {
            UInt r1 = regInit("r1", uint(8), 0x5A);
            when(en, () -> r1.assign(d));
            qReset.assign(r1);
            qEnable.assign(regEnable("r2", d, 3, en));
            qNext.assign(regNext("r3", d));
            UInt r4 = regInit("r4", uint(8), 7);
            when(en, () -> when(sel.eq(0), () -> r4.assign(d))
                    .elseWhen(sel.eq(1), () -> r4.assign(d.not()))
                    .otherwise(() -> switchOn(sel).is(2, () -> r4.assign(r4.shr(1).zext(8)))))
                    .otherwise(() -> r4.assign(r4.addWrap(1)));
            qNested.assign(r4);

            wDefault.assign(x);
            when(c, () -> wDefault.assign(y));
            switchOn(sel)
                    .is(0, () -> sw.assign(x))
                    .is(1, () -> sw.assign(y))
                    .is(2, () -> sw.assign(x.add(y)))
                    .otherwise(() -> sw.assign(0));
            switchOn(sel)
                    .is(0, () -> exhaustive.assign(x))
                    .is(1, () -> exhaustive.assign(y))
                    .is(2, () -> exhaustive.assign(x.and(y)))
                    .is(3, () -> exhaustive.assign(x.or(y)));
            skip.assign(S(-1, 8));
            when(c, () -> skip.assign(x))
                    .elseWhen(sel.eq(3), () -> { })
                    .otherwise(() -> skip.assign(y));

            vRead.assign(v.read(idx));
            Vec<UInt> regs = regInit("vr", vec(4, uint(8)), 0);
            when(en, () -> regs.write(idx, d));
            vRegs.assign(regs);

            Incrementer inc = instance("inc", new Incrementer());
            inc.in.assign(s);
            m.assign(inc.out);

            Mem<UInt> mem = mem("ram", 16, uint(32), 4, INIT);
            when(we, () -> mem.write(waddr, wdata, wmask));
            rdata.assign(mem.read(raddr, ren));

            ExtAdder adder = instance("adder", new ExtAdder());
            adder.a.assign(cat(d, sel, sel));
            adder.b.assign(wdata.bits(11, 0));
            sum.assign(adder.s);

            ExtDelay delay = instance("delay", new ExtDelay());
            delay.clk.assign(clock());
            delay.d.assign(d.xor(0xA5));
            delayed.assign(delay.q);
        }
    }

    /** The same behaviour in plain Java. */
    static final class Model {
        int r1 = 0x5A, r2 = 3, r3, r4 = 7, delayed;
        int[] vr = new int[4];
        long[] ram = new long[16];
        long rdata;

        Model() {
            List<String> lines = readLines(INIT);
            for (int i = 0; i < 16; i++) {
                ram[i] = Long.parseLong(lines.get(i).trim(), 16);
            }
        }

        static List<String> readLines(String file) {
            return Hw.read(Path.of(file)).lines().toList();
        }
    }

    @Test
    void everyConstructMatchesTheJavaModel() {
        RandomGenerator rnd = Seeds.random("ConstructsTest");
        Design design = Design.elaborate(Constructs::new);
        CompiledModel model = Hw.model(design, "constructs");
        try (Simulator sim = model.open()) {
            Port d = sim.port("d"), en = sim.port("en"), sel = sim.port("sel"), x = sim.port("x"), y = sim.port("y"),
                    c = sim.port("c"), idx = sim.port("idx"), raddr = sim.port("raddr"), ren = sim.port("ren"),
                    waddr = sim.port("waddr"), wdata = sim.port("wdata"), wmask = sim.port("wmask"), we = sim.port("we"),
                    sData = sim.port("s_data"), sValid = sim.port("s_valid"), mReady = sim.port("m_ready");
            Port[] v = new Port[4];
            for (int i = 0; i < 4; i++) {
                v[i] = sim.port("v_" + i);
            }
            Model ref = new Model();
            d.set(0x33);
            sim.reset(1);
            ref.r3 = 0x33;
            ref.delayed = 0x33 ^ 0xA5;
            for (int cycle = 0; cycle < 600; cycle++) {
                int dv = rnd.nextInt(256), enV = rnd.nextInt(2), selV = rnd.nextInt(4), xv = rnd.nextInt(256) - 128,
                        yv = rnd.nextInt(256) - 128, cv = rnd.nextInt(2), idxV = rnd.nextInt(4),
                        raddrV = rnd.nextInt(16), renV = rnd.nextInt(2), waddrV = rnd.nextInt(16),
                        wmaskV = rnd.nextInt(16), weV = rnd.nextInt(2), sd = rnd.nextInt(256),
                        sv = rnd.nextInt(2), mr = rnd.nextInt(2);
                long wdataV = rnd.nextLong() & 0xFFFFFFFFL;
                int[] vv = {rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
                d.set(dv);
                en.set(enV);
                sel.set(selV);
                x.set(xv);
                y.set(yv);
                c.set(cv);
                idx.set(idxV);
                raddr.set(raddrV);
                ren.set(renV);
                waddr.set(waddrV);
                wdata.set(wdataV);
                wmask.set(wmaskV);
                we.set(weV);
                sData.set(sd);
                sValid.set(sv);
                mReady.set(mr);
                for (int i = 0; i < 4; i++) {
                    v[i].set(vv[i]);
                }
                sim.eval();
                String at = "cycle " + cycle;
                // registered outputs show the state before this edge
                assertEquals(ref.r1, sim.port("q_reset").get(), at);
                assertEquals(ref.r2, sim.port("q_enable").get(), at);
                assertEquals(ref.r3, sim.port("q_next").get(), at);
                assertEquals(ref.r4, sim.port("q_nested").get(), at);
                for (int i = 0; i < 4; i++) {
                    assertEquals(ref.vr[i], sim.port("v_regs_" + i).get(), at);
                }
                assertEquals(ref.rdata, sim.port("rdata").get(), at);
                assertEquals(ref.delayed, sim.port("delayed").get(), at);
                // combinational outputs
                assertEquals(cv == 1 ? yv : xv, sim.port("w_default").get(), at);
                assertEquals(switch (selV) {
                    case 0 -> xv;
                    case 1 -> yv;
                    case 2 -> xv + yv;
                    default -> 0;
                }, sim.port("sw").get(), at);
                assertEquals(switch (selV) {
                    case 0 -> xv;
                    case 1 -> yv;
                    case 2 -> xv & yv;
                    default -> xv | yv;
                }, sim.port("exhaustive").get(), at);
                assertEquals(cv == 1 ? xv : selV == 3 ? -1 : yv, sim.port("skip").get(), at);
                assertEquals(vv[idxV], sim.port("v_read").get(), at);
                assertEquals((sd + 1) & 0xFF, sim.port("m_data").get(), at);
                assertEquals(sv, sim.port("m_valid").get(), at);
                assertEquals(mr, sim.port("s_ready").get(), at);
                long a = ((long) dv << 4) | ((long) selV << 2) | selV;
                assertEquals(a + (wdataV & 0xFFF), sim.port("sum").get(), at);

                sim.step();
                if (enV == 1) {
                    ref.r1 = dv;
                    ref.r2 = dv;
                    ref.vr[idxV] = dv;
                    ref.r4 = switch (selV) {
                        case 0 -> dv;
                        case 1 -> ~dv & 0xFF;
                        case 2 -> ref.r4 >> 1;
                        default -> ref.r4;
                    };
                } else {
                    ref.r4 = (ref.r4 + 1) & 0xFF;
                }
                ref.r3 = dv;
                ref.delayed = dv ^ 0xA5;
                if (renV == 1) {
                    ref.rdata = ref.ram[raddrV];
                }
                if (weV == 1) {
                    for (int lane = 0; lane < 4; lane++) {
                        if ((wmaskV >> lane & 1) == 1) {
                            long laneMask = 0xFFL << (8 * lane);
                            ref.ram[waddrV] = (ref.ram[waddrV] & ~laneMask) | (wdataV & laneMask);
                        }
                    }
                }
            }
        }
    }
}
