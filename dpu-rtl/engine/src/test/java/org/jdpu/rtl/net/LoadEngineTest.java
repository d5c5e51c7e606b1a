package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.HostPort;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The LOAD engine, Verilated, against a Java reference of the LOAD semantics: random commands
 * (every target, elements that do not divide the bus, misaligned offsets, negative strides, empty
 * loops, long contiguous loads) under random AXI back-pressure, every bank word checked in order;
 * region, bank and SLVERR faults and abort (right code, nothing written after it, idle again, the
 * protocol clean); and the streaming rate of a contiguous load at full slave rate.
 */
class LoadEngineTest {
    static final long MEM_BASE = 0x12_3456_0000L;
    static final int MEM_BYTES = 1 << 16;

    record Cmd(int target, long base, long bound, long offset, long index, long s0, long s1, long d0, long d1,
               int n0, int n1) {}

    record Write(int sel, int bank, int addr, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Write w && w.sel == sel && w.bank == bank && w.addr == addr && Arrays.equals(w.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data) + 31 * (sel + 31 * (bank + 31 * addr));
        }

        @Override
        public String toString() {
            return "sel " + sel + " bank " + bank + " addr " + addr + " data " + java.util.HexFormat.of().formatHex(data);
        }
    }

    /** The reference: the writes of a LOAD in order, and the fault that stops it (or null). */
    record Expected(List<Write> writes, List<long[]> beatSpans, Fault fault) {}

    static int elementBytes(DpuConfig c, int target) {
        return target == 2 ? 4 : c.icp();
    }

    static Expected reference(DpuConfig c, Cmd k, byte[] mem, int beat) {
        int e = elementBytes(c, k.target());
        int dataBytes = (HostPort.loadDataWidth(c) + 7) / 8;
        List<Write> writes = new ArrayList<>();
        List<long[]> spans = new ArrayList<>();
        for (int i1 = 0; i1 < k.n1(); i1++) {
            for (int i0 = 0; i0 < k.n0(); i0++) {
                long off = (k.offset() + i0 * k.s0() + i1 * k.s1()) & 0xffff_ffffL;
                long idx = (k.index() + i0 * k.d0() + i1 * k.d1()) & 0xffff_ffffL;
                if (off + e > k.bound()) return new Expected(writes, spans, Fault.REGION_BOUNDS);
                int bank, addr;
                switch (k.target()) {
                    case 0 -> {
                        if (idx >= c.actCapacityWords()) return new Expected(writes, spans, Fault.BANK_RANGE);
                        bank = (int) (idx % c.actBanks());
                        addr = (int) (idx / c.actBanks());
                    }
                    case 1, 2 -> {
                        bank = (int) (idx & 63);
                        long a = idx >> 6;
                        int depth = k.target() == 1 ? c.weightBankDepth() : c.biasDepth();
                        if (bank >= c.ocp() || a >= depth) return new Expected(writes, spans, Fault.BANK_RANGE);
                        addr = (int) a;
                    }
                    default -> {
                        return new Expected(writes, spans, Fault.BANK_RANGE);
                    }
                }
                byte[] data = new byte[dataBytes];
                long at = k.base() + off;
                for (int i = 0; i < e; i++) data[i] = mem[(int) (at + i - MEM_BASE)];
                writes.add(new Write(k.target(), bank, addr, data));
                spans.add(new long[] {Math.floorDiv(at, beat), Math.floorDiv(at + e - 1, beat)});
            }
        }
        return new Expected(writes, spans, null);
    }

    /** What one command did on the ports. */
    record Observed(List<Write> writes, List<Long> writeCycles, int dones, List<Long> faultCycles, int faultCode,
                    long acceptCycle, long endCycle) {}

    /** One Verilated engine with its slave; commands run one after another on it. */
    static final class Bench implements AutoCloseable {
        final DpuConfig c;
        final AxiConfig a;
        final Simulator sim;
        final AxiSlave slave;
        final byte[] mem = new byte[MEM_BYTES];
        final Port cmdValid, cmdReady, target, base, bound, offset, index, s0, s1, d0, d1, n0, n1;
        final Port done, fault, faultCode, busy, abort, ldWe, ldSel, ldBank, ldAddr, ldData;

        Bench(CompiledModel model, DpuConfig c, AxiConfig a, Random rnd, AxiSlave.Timing timing) {
            this.c = c;
            this.a = a;
            rnd.nextBytes(mem);
            sim = model.open();
            slave = new AxiSlave(sim, a, mem, MEM_BASE, rnd, timing);
            cmdValid = sim.port("cmd_valid"); cmdReady = sim.port("cmd_ready"); target = sim.port("cmd_target");
            base = sim.port("cmd_base"); bound = sim.port("cmd_bound"); offset = sim.port("cmd_offset");
            index = sim.port("cmd_index"); s0 = sim.port("cmd_s0"); s1 = sim.port("cmd_s1");
            d0 = sim.port("cmd_d0"); d1 = sim.port("cmd_d1"); n0 = sim.port("cmd_n0"); n1 = sim.port("cmd_n1");
            done = sim.port("done"); fault = sim.port("fault"); faultCode = sim.port("fault_code");
            busy = sim.port("busy"); abort = sim.port("abort_req");
            ldWe = sim.port("ld_we"); ldSel = sim.port("ld_sel"); ldBank = sim.port("ld_bank");
            ldAddr = sim.port("ld_addr"); ldData = sim.port("ld_data");
            abort.set(0);
            cmdValid.set(0);
            sim.reset(2);
        }

        /** Runs one command to the end; abort goes high for one cycle abortAfter cycles after acceptance (-1: never). */
        Observed run(Cmd k, long abortAfter) {
            target.set(k.target()); base.set(k.base()); bound.set(k.bound()); offset.set(k.offset());
            index.set(k.index()); s0.set(k.s0() & 0xffff_ffffL); s1.set(k.s1() & 0xffff_ffffL);
            d0.set(k.d0() & 0xffff_ffffL); d1.set(k.d1() & 0xffff_ffffL); n0.set(k.n0()); n1.set(k.n1());
            cmdValid.set(1);
            List<Write> writes = new ArrayList<>();
            List<Long> writeCycles = new ArrayList<>(), faultCycles = new ArrayList<>();
            int dones = 0, code = 0;
            long accept = -1, end = -1, limit = sim.cycle() + 200_000;
            boolean wasBusy = false;
            while (true) {
                long now = sim.cycle();
                if (now > limit) fail("the LOAD engine hangs: " + k);
                abort.set(accept >= 0 && now == accept + abortAfter ? 1 : 0);
                slave.drive();
                sim.eval();
                slave.sample();
                boolean accepted = cmdValid.get() != 0 && cmdReady.get() != 0;
                if (ldWe.get() != 0) {
                    writes.add(new Write((int) ldSel.get(), (int) ldBank.get(), (int) ldAddr.get(), ldData.getBytes()));
                    writeCycles.add(now);
                }
                if (done.get() != 0) dones++;
                if (fault.get() != 0) {
                    faultCycles.add(now);
                    code = (int) faultCode.get();
                }
                boolean isBusy = busy.get() != 0;
                if (accept >= 0 && wasBusy && !isBusy && end < 0) end = now;
                wasBusy = isBusy;
                sim.step();
                slave.commit();
                if (accepted) {
                    accept = now;
                    cmdValid.set(0);
                }
                if (end >= 0 && now > end + 8 && slave.quiet()) break;
            }
            assertTrue(slave.errors().isEmpty(), () -> "AXI protocol: " + slave.errors() + " in " + k);
            return new Observed(writes, writeCycles, dones, faultCycles, code, accept, end);
        }

        /**
         * Presents the commands back to back, each as soon as the engine takes the previous one,
         * until all are taken or a fault pulses; returns when the engine is idle again. The
         * observation covers the whole stream: all writes, the done count, accept of the first
         * command and the cycle busy fell.
         */
        Observed stream(List<Cmd> ks) {
            List<Write> writes = new ArrayList<>();
            List<Long> writeCycles = new ArrayList<>(), faultCycles = new ArrayList<>(), doneCycles = new ArrayList<>();
            int next = 0, code = 0;
            long first = -1, end = -1, limit = sim.cycle() + 400_000;
            boolean wasBusy = false;
            while (true) {
                long now = sim.cycle();
                if (now > limit) fail("the LOAD engine hangs on a stream of " + ks.size());
                boolean presenting = next < ks.size() && faultCycles.isEmpty();
                if (presenting) {
                    Cmd k = ks.get(next);
                    target.set(k.target()); base.set(k.base()); bound.set(k.bound()); offset.set(k.offset());
                    index.set(k.index()); s0.set(k.s0() & 0xffff_ffffL); s1.set(k.s1() & 0xffff_ffffL);
                    d0.set(k.d0() & 0xffff_ffffL); d1.set(k.d1() & 0xffff_ffffL); n0.set(k.n0()); n1.set(k.n1());
                }
                cmdValid.set(presenting ? 1 : 0);
                abort.set(0);
                slave.drive();
                sim.eval();
                slave.sample();
                boolean accepted = presenting && cmdReady.get() != 0;
                if (ldWe.get() != 0) {
                    writes.add(new Write((int) ldSel.get(), (int) ldBank.get(), (int) ldAddr.get(), ldData.getBytes()));
                    writeCycles.add(now);
                }
                if (done.get() != 0) doneCycles.add(now);
                if (fault.get() != 0) {
                    faultCycles.add(now);
                    code = (int) faultCode.get();
                }
                boolean isBusy = busy.get() != 0;
                if (first >= 0 && wasBusy && !isBusy && end < 0 && !(next < ks.size() && faultCycles.isEmpty())) end = now;
                wasBusy = isBusy;
                sim.step();
                slave.commit();
                if (accepted) {
                    if (first < 0) first = now;
                    next++;
                }
                if (end >= 0 && now > end + 8 && slave.quiet()) break;
            }
            assertTrue(slave.errors().isEmpty(), () -> "AXI protocol: " + slave.errors());
            lastDoneCycles = doneCycles;
            return new Observed(writes, writeCycles, doneCycles.size(), faultCycles, code, first, end);
        }

        List<Long> lastDoneCycles = List.of();

        @Override
        public void close() {
            sim.close();
        }
    }

    static final DpuConfig BIG = DpuConfig.parse("4x8x8");
    static final DpuConfig SMALL = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");
    static final DpuConfig WIDE = DpuConfig.parse("2x16x4");

    static CompiledModel model(DpuConfig c, AxiConfig a) {
        return NetRtl.build(() -> new LoadEngine(c, a), "dpu_load_engine", NetRtl.variant(c, a));
    }

    static long seed(String what) {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("LoadEngineTest." + what + " seed " + seed + " (-Djdpu.seed=" + seed + " replays)");
        return seed;
    }

    /** A random command; with valid set, one whose every element is inside its region and bank. */
    static Cmd randomCommand(DpuConfig c, AxiConfig a, Random rnd, byte[] mem, boolean valid) {
        for (int attempt = 0; ; attempt++) {
            int target = rnd.nextInt(3);
            int e = elementBytes(c, target);
            int n0 = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(12);
            int n1 = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(6);
            long s0 = switch (rnd.nextInt(4)) {
                case 0, 1 -> e;
                case 2 -> 0;
                default -> rnd.nextInt(6 * e + 1) - 3L * e;
            };
            long s1 = rnd.nextBoolean() ? n0 * s0 : rnd.nextInt(401) - 200;
            long bound = 256 + rnd.nextInt(6000);
            long base = MEM_BASE + 64 + rnd.nextInt((int) (MEM_BYTES - bound - 128));
            long[] corners = {0, (n0 - 1) * s0, (n1 - 1) * s1, (n0 - 1) * s0 + (n1 - 1) * s1};
            long lo = Arrays.stream(corners).min().getAsLong(), hi = Arrays.stream(corners).max().getAsLong();
            if (hi - lo + e > bound) continue;
            long offset = -lo + rnd.nextLong(bound - e - (hi - lo) + 1);
            long d0, d1, index;
            if (target == 0) {
                d0 = new long[] {1, 2, -1, c.actBanks()}[rnd.nextInt(4)];
                d1 = rnd.nextBoolean() ? n0 * d0 : rnd.nextInt(41) - 20;
                index = rnd.nextInt((int) c.actCapacityWords());
            } else {
                d0 = new long[] {1, 64, 65}[rnd.nextInt(3)];
                d1 = new long[] {64, 1, 128}[rnd.nextInt(3)];
                index = rnd.nextInt(c.ocp()) + 64L * rnd.nextInt(8);
            }
            Cmd k = new Cmd(target, base, bound, offset & 0xffff_ffffL, index & 0xffff_ffffL, s0, s1, d0, d1, n0, n1);
            Expected ref = reference(c, k, mem, a.dataBytes());
            if (!valid || ref.fault() == null || attempt > 500) {
                if (valid && ref.fault() != null) {
                    // Fall back to a plain valid command.
                    return new Cmd(target, base, bound, 0, target == 0 ? 0 : 0, e, (long) e * Math.max(1, n0), 1, 64,
                            Math.min(n0, c.ocp()), Math.min(n1, 4));
                }
                return k;
            }
        }
    }

    static void checkCompleted(Cmd k, Expected ref, Observed got) {
        assertEquals(null, ref.fault(), () -> "the reference of " + k + " faults");
        assertEquals(ref.writes().size(), got.writes().size(), () -> "write count of " + k);
        for (int i = 0; i < ref.writes().size(); i++) {
            int j = i;
            assertEquals(ref.writes().get(i), got.writes().get(i), () -> "element " + j + " of " + k);
        }
        assertEquals(1, got.dones(), () -> "one done pulse for " + k);
        assertTrue(got.faultCycles().isEmpty(), () -> "no fault for " + k + ", got code " + got.faultCode());
    }

    void randomLoads(DpuConfig c, AxiConfig a, int commands) {
        long seed = seed("randomLoads " + NetRtl.variant(c, a));
        Random rnd = new Random(seed);
        CompiledModel model = model(c, a);
        AxiSlave.Timing timing = new AxiSlave.Timing(1 + rnd.nextInt(8), 0.6, 0.7);
        try (Bench b = new Bench(model, c, a, rnd, timing)) {
            int elements = 0;
            for (int i = 0; i < commands; i++) {
                Cmd k = randomCommand(c, a, rnd, b.mem, true);
                Expected ref = reference(c, k, b.mem, a.dataBytes());
                assertEquals(null, ref.fault(), () -> "generator made a faulting command " + k);
                checkCompleted(k, ref, b.run(k, -1));
                elements += ref.writes().size();
            }
            // A long contiguous load of activations at a misaligned offset.
            int e = elementBytes(c, 0);
            int n = (int) Math.min(c.actCapacityWords(), 600);
            Cmd k = new Cmd(0, MEM_BASE + 4096 - 37, 20_000, 3, 0, e, (long) e * n, 1, n, n, 1);
            Expected ref = reference(c, k, b.mem, a.dataBytes());
            checkCompleted(k, ref, b.run(k, -1));
            elements += n;
            System.out.println("LoadEngineTest " + NetRtl.variant(c, a) + ": " + commands + " random commands, "
                    + elements + " elements exact; " + b.slave.readBursts + " bursts, " + b.slave.readBeats + " beats");
        }
    }

    void faults(DpuConfig c, AxiConfig a) {
        long seed = seed("faults " + NetRtl.variant(c, a));
        Random rnd = new Random(seed);
        CompiledModel model = model(c, a);
        try (Bench b = new Bench(model, c, a, rnd, new AxiSlave.Timing(3, 0.7, 0.8))) {
            int e = elementBytes(c, 0);
            long base = MEM_BASE + 1000;
            // Region: the walk runs past the bound after 20 elements.
            Cmd region = new Cmd(0, base, 20L * e + e - 1, 0, 0, e, 0, 1, 0, 40, 1);
            expectFault(b, region, Fault.REGION_BOUNDS, 20);
            // Region with an offset that wraps below zero on a negative stride.
            Cmd wrap = new Cmd(1, base, 4000, 2L * e, 0, -e, 0, 1, 0, 5, 1);
            expectFault(b, wrap, Fault.REGION_BOUNDS, 3);
            // Activations past the capacity.
            long cap = c.actCapacityWords();
            Cmd act = new Cmd(0, base, 4000, 0, cap - 7, e, 0, 1, 0, 12, 1);
            expectFault(b, act, Fault.BANK_RANGE, 7);
            // A weight column at OCP.
            Cmd col = new Cmd(1, base, 4000, 0, 0, e, 0, 1, 0, c.ocp() + 3, 1);
            expectFault(b, col, Fault.BANK_RANGE, c.ocp());
            // A bias address past the bias depth, in the second row.
            Cmd bias = new Cmd(2, base, 4000, 0, 64L * (c.biasDepth() - 1), 4, 4L * c.ocp(), 1, 64, c.ocp(), 3);
            expectFault(b, bias, Fault.BANK_RANGE, c.ocp());
            // Target 3 has no buffer.
            expectFault(b, new Cmd(3, base, 4000, 0, 0, 4, 0, 1, 0, 2, 1), Fault.BANK_RANGE, 0);
            // The engine still works after faults.
            Cmd ok = new Cmd(0, base, 4000, 5, 0, e, 0, 1, 0, 30, 1);
            checkCompleted(ok, reference(c, ok, b.mem, a.dataBytes()), b.run(ok, -1));

            // SLVERR on one beat in the middle of a long contiguous load.
            int n = (int) Math.min(c.actCapacityWords(), 300);
            Cmd longLoad = new Cmd(0, base, 20_000, 1, 0, e, 0, 1, 0, n, 1);
            Expected ref = reference(c, longLoad, b.mem, a.dataBytes());
            int victim = n / 2;
            long badBeat = ref.beatSpans().get(victim)[1];
            int firstTouching = 0;
            while (ref.beatSpans().get(firstTouching)[1] < badBeat) firstTouching++;
            b.slave.readError = addr -> Math.floorDiv(addr, a.dataBytes()) == badBeat;
            Observed got = b.run(longLoad, -1);
            b.slave.readError = addr -> false;
            assertEquals(List.of(got.faultCycles().isEmpty() ? -1L : got.faultCycles().getFirst()), got.faultCycles(),
                    "one fault pulse");
            assertEquals(Fault.AXI_RESPONSE.code(), got.faultCode());
            assertEquals(0, got.dones());
            checkPrefix(longLoad, ref, got, firstTouching);
            checkCompleted(ok, reference(c, ok, b.mem, a.dataBytes()), b.run(ok, -1));

            // Abort at several points of a long load.
            for (long at : new long[] {1, 3, 17, 60, 150}) {
                Observed ab = b.run(longLoad, at);
                assertEquals(0, ab.dones(), "no done after abort");
                assertTrue(ab.faultCycles().isEmpty(), "no fault after abort");
                checkPrefix(longLoad, ref, ab, n);
                long lastAllowed = ab.acceptCycle() + at + 1;
                assertTrue(ab.writeCycles().stream().allMatch(t -> t <= lastAllowed),
                        () -> "a write after the abort at " + at + ": " + ab.writeCycles());
                assertTrue(ab.writes().size() < n, "the abort stopped the load");
            }
            checkCompleted(ok, reference(c, ok, b.mem, a.dataBytes()), b.run(ok, -1));
            System.out.println("LoadEngineTest " + NetRtl.variant(c, a) + ": region, bank, SLVERR and abort cases pass");
        }
    }

    static void checkPrefix(Cmd k, Expected ref, Observed got, int atMost) {
        assertTrue(got.writes().size() <= atMost, () -> got.writes().size() + " writes, at most " + atMost + " allowed");
        for (int i = 0; i < got.writes().size(); i++) {
            int j = i;
            assertEquals(ref.writes().get(i), got.writes().get(i), () -> "element " + j + " of " + k);
        }
        long lastFault = got.faultCycles().isEmpty() ? Long.MAX_VALUE : got.faultCycles().getFirst();
        assertTrue(got.writeCycles().stream().allMatch(t -> t <= lastFault), "nothing written after the fault");
    }

    static void expectFault(Bench b, Cmd k, Fault fault, int writesBefore) {
        Expected ref = reference(b.c, k, b.mem, b.a.dataBytes());
        assertEquals(fault, ref.fault(), () -> "reference of " + k);
        assertEquals(writesBefore, ref.writes().size(), () -> "reference writes of " + k);
        Observed got = b.run(k, -1);
        assertEquals(1, got.faultCycles().size(), () -> "one fault pulse for " + k);
        assertEquals(fault.code(), got.faultCode(), () -> "fault code of " + k);
        assertEquals(0, got.dones());
        assertEquals(ref.writes(), got.writes(), () -> "the elements before the fault are written: " + k);
        assertTrue(got.writeCycles().stream().allMatch(t -> t < got.faultCycles().getFirst()));
    }

    /** Cycles of a contiguous load of n elements at full slave rate, from acceptance to done. */
    static long streamCycles(Bench b, int target, int n, long offset, long stride) {
        int e = elementBytes(b.c, target);
        Cmd k = new Cmd(target, MEM_BASE + 4096, 60_000, offset, 0, stride, 0, 1, 0, n, 1);
        Expected ref = reference(b.c, k, b.mem, b.a.dataBytes());
        Observed got = b.run(k, -1);
        checkCompleted(k, ref, got);
        return got.endCycle() - got.acceptCycle();
    }

    /**
     * Short LOADs back to back on a slow memory (latency 40): the engine takes each command while
     * the previous one's reads are in flight, so N commands cost far less than N times latency and
     * fill; writes stay in order and exact, one done per command, each done after its own last
     * write. Then a stream whose fifth and last command runs out of its region: the four before it
     * complete (four dones), the fault follows their last write, and nothing is written after it.
     */
    @Test
    void backToBackLoadsOverlap() {
        AxiConfig a = AxiConfig.DEFAULT;
        CompiledModel model = model(WIDE, a);
        int latency = 40, n = 32, elems = 8, e = elementBytes(WIDE, 0);
        List<Cmd> ks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Rows of 8 elements, 512 bytes apart: each LOAD is one short burst of its own.
            ks.add(new Cmd(0, MEM_BASE + 4096, 60_000, 512L * i, (long) elems * i, e, 0, 1, 0, elems, 1));
        }
        try (Bench b = new Bench(model, WIDE, a, new Random(11), new AxiSlave.Timing(latency, 1.0, 1.0))) {
            Observed alone = b.run(ks.getFirst(), -1);
            long single = alone.endCycle() - alone.acceptCycle();
            Observed got = b.stream(ks);
            List<Write> want = new ArrayList<>();
            for (Cmd k : ks) want.addAll(reference(WIDE, k, b.mem, a.dataBytes()).writes());
            assertEquals(want, got.writes(), "the stream's writes in order");
            assertEquals(n, got.dones(), "one done per command");
            List<Long> dones = b.lastDoneCycles;
            for (int i = 0; i < n; i++) {
                long lastWrite = got.writeCycles().get((i + 1) * elems - 1);
                assertEquals(lastWrite + 1, (long) dones.get(i), "done of command " + i + " follows its last write");
            }
            assertTrue(got.faultCycles().isEmpty());
            long cycles = got.endCycle() - got.acceptCycle();
            System.out.printf("LoadEngineTest back to back: %d LOADs of %d elements at latency %d in %d cycles"
                    + " (one alone %d, %d one after another)%n", n, elems, latency, cycles, single, n * single);
            assertTrue(single >= latency + elems, "one short LOAD pays latency and fill: " + single);
            assertTrue(cycles <= (long) n * elems + 2L * latency,
                    "back-to-back LOADs took " + cycles + " cycles, serial would be " + n * single);

            // The faulting command is the stream's last: the engine is idle again when it reports.
            List<Cmd> faulting = new ArrayList<>(ks.subList(0, 5));
            Cmd bad = faulting.get(4);
            faulting.set(4, new Cmd(0, bad.base(), bad.offset() + 3L * e, bad.offset(), bad.index(), e, 0, 1, 0, elems, 1));
            Observed f = b.stream(faulting);
            List<Write> prefix = new ArrayList<>();
            for (Cmd k : faulting.subList(0, 4)) prefix.addAll(reference(WIDE, k, b.mem, a.dataBytes()).writes());
            prefix.addAll(reference(WIDE, faulting.get(4), b.mem, a.dataBytes()).writes());
            assertEquals(4 * elems + 3, prefix.size());
            assertEquals(prefix, f.writes(), "the writes before the fault");
            assertEquals(4, f.dones(), "the commands before the faulting one are done");
            assertEquals(1, f.faultCycles().size(), "one fault pulse");
            assertEquals(Fault.REGION_BOUNDS.code(), f.faultCode());
            long faultAt = f.faultCycles().getFirst();
            assertTrue(b.lastDoneCycles.stream().allMatch(t -> t < faultAt), "every done before the fault");
            assertTrue(f.writeCycles().stream().allMatch(t -> t < faultAt), "nothing written after the fault");
            Cmd ok = ks.get(3);
            checkCompleted(ok, reference(WIDE, ok, b.mem, a.dataBytes()), b.run(ok, -1));
        }
    }

    @Test
    void randomLoadsBigConfigurationWideBus() {
        randomLoads(BIG, AxiConfig.DEFAULT, 40);
    }

    @Test
    void randomLoadsSmallConfigurationNarrowBus() {
        randomLoads(SMALL, new AxiConfig(8, 4, 2), 40);
    }

    @Test
    void randomLoadsSingleBeatBursts() {
        // A 4-byte bus, one-beat bursts, one in flight: elements straddle up to three beats.
        randomLoads(SMALL, new AxiConfig(4, 1, 1), 25);
    }

    @Test
    void randomLoadsWideBusLongBursts() {
        // A 64-byte bus with 256-beat bursts: only the 4 KiB rule limits a burst.
        randomLoads(BIG, new AxiConfig(64, 256, 32), 25);
    }

    @Test
    void faultsBigConfiguration() {
        faults(BIG, AxiConfig.DEFAULT);
    }

    @Test
    void faultsSmallConfigurationNarrowBus() {
        faults(SMALL, new AxiConfig(8, 4, 2));
    }

    @Test
    void contiguousLoadStreamsOneBeatPerCycle() {
        AxiConfig a = AxiConfig.DEFAULT;
        CompiledModel model = model(WIDE, a);
        try (Bench b = new Bench(model, WIDE, a, new Random(7), AxiSlave.Timing.FULL_RATE)) {
            int n = 1024;
            long aligned = streamCycles(b, 0, n, 0, 16);
            long misaligned = streamCycles(b, 0, n, 5, 16);
            long strided = streamCycles(b, 0, n / 4, 3, 48);
            System.out.printf("LoadEngineTest stream (E=16, 16-byte bus, latency %d): aligned %d elements in %d cycles"
                            + " (%.3f beats/cycle), misaligned %d cycles; strided (S0=48) %d elements in %d cycles%n",
                    AxiSlave.Timing.FULL_RATE.readLatency(), n, aligned, (double) n / aligned, misaligned, n / 4, strided);
            assertTrue(aligned <= n + 40, "aligned contiguous load took " + aligned + " cycles for " + n + " elements");
            assertTrue(misaligned <= n + 41, "misaligned contiguous load took " + misaligned + " cycles");
            assertTrue(strided <= 2 * (n / 4) + 40, "a strided load needing two beats per element took " + strided + " cycles");
        }
        // A slow memory: 40 cycles from AR to data. The walker runs far enough ahead to hide it.
        try (Bench b = new Bench(model, WIDE, a, new Random(8), new AxiSlave.Timing(40, 1.0, 1.0))) {
            int n = 1024;
            long cycles = streamCycles(b, 0, n, 0, 16);
            System.out.printf("LoadEngineTest stream at latency 40: %d elements in %d cycles (%.3f beats/cycle)%n",
                    n, cycles, (double) n / cycles);
            assertTrue(cycles <= n + 80, "contiguous load at latency 40 took " + cycles + " cycles");
        }
    }
}
