package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The SAVE engine, Verilated, reading a Java model of the output buffer and writing a Java AXI4
 * slave's memory: random commands (misaligned offsets, elements that do not divide the bus, shared
 * beats, negative and overlapping strides, empty loops, long contiguous saves) under random
 * back-pressure, the whole memory compared byte for byte with the reference afterwards (so bytes
 * outside the elements must be untouched); region, bank, SLVERR and abort cases (nothing written by
 * a faulting element or after the fault, idle again).
 */
class SaveEngineTest {
    static final long MEM_BASE = 0x7f_0000_1000L;
    static final int MEM_BYTES = 1 << 16;

    record Cmd(long base, long bound, long offset, long index, long s0, long s1, long d0, long d1, int n0, int n1) {}

    /** Applies a SAVE's elements in order to mem; returns the fault that stops it (or null) and the element count done. */
    record Result(Fault fault, int elements) {}

    static Result reference(DpuConfig c, Cmd k, byte[][] out, byte[] mem, boolean[] touched) {
        int e = c.ocp();
        int n = 0;
        for (int i1 = 0; i1 < k.n1(); i1++) {
            for (int i0 = 0; i0 < k.n0(); i0++) {
                long off = (k.offset() + i0 * k.s0() + i1 * k.s1()) & 0xffff_ffffL;
                long idx = (k.index() + i0 * k.d0() + i1 * k.d1()) & 0xffff_ffffL;
                if (off + e > k.bound()) return new Result(Fault.REGION_BOUNDS, n);
                if (idx >= c.outputDepth()) return new Result(Fault.BANK_RANGE, n);
                int at = (int) (k.base() + off - MEM_BASE);
                for (int i = 0; i < e; i++) {
                    if (mem != null) mem[at + i] = out[(int) idx][i];
                    if (touched != null) touched[at + i] = true;
                }
                n++;
            }
        }
        return new Result(null, n);
    }

    record Observed(int dones, List<Long> faultCycles, int faultCode, long acceptCycle, long endCycle) {}

    static final class Bench implements AutoCloseable {
        final DpuConfig c;
        final AxiConfig a;
        final Simulator sim;
        final AxiSlave slave;
        final byte[] mem = new byte[MEM_BYTES];
        final byte[][] out;
        final Port cmdValid, cmdReady, base, bound, offset, index, s0, s1, d0, d1, n0, n1;
        final Port done, fault, faultCode, busy, abort, rdAddr, rdData;

        Bench(CompiledModel model, DpuConfig c, AxiConfig a, Random rnd, AxiSlave.Timing timing) {
            this.c = c;
            this.a = a;
            rnd.nextBytes(mem);
            out = new byte[c.outputDepth()][c.ocp()];
            for (byte[] w : out) rnd.nextBytes(w);
            sim = model.open();
            slave = new AxiSlave(sim, a, mem, MEM_BASE, rnd, timing);
            cmdValid = sim.port("cmd_valid"); cmdReady = sim.port("cmd_ready");
            base = sim.port("cmd_base"); bound = sim.port("cmd_bound"); offset = sim.port("cmd_offset");
            index = sim.port("cmd_index"); s0 = sim.port("cmd_s0"); s1 = sim.port("cmd_s1");
            d0 = sim.port("cmd_d0"); d1 = sim.port("cmd_d1"); n0 = sim.port("cmd_n0"); n1 = sim.port("cmd_n1");
            done = sim.port("done"); fault = sim.port("fault"); faultCode = sim.port("fault_code");
            busy = sim.port("busy"); abort = sim.port("abort_req");
            rdAddr = sim.port("rd_addr"); rdData = sim.port("rd_data");
            abort.set(0);
            cmdValid.set(0);
            rdData.setBytes(out[0]);
            sim.reset(2);
        }

        Observed run(Cmd k, long abortAfter) {
            base.set(k.base()); bound.set(k.bound()); offset.set(k.offset()); index.set(k.index());
            s0.set(k.s0() & 0xffff_ffffL); s1.set(k.s1() & 0xffff_ffffL);
            d0.set(k.d0() & 0xffff_ffffL); d1.set(k.d1() & 0xffff_ffffL); n0.set(k.n0()); n1.set(k.n1());
            cmdValid.set(1);
            List<Long> faultCycles = new java.util.ArrayList<>();
            int dones = 0, code = 0;
            long accept = -1, end = -1, limit = sim.cycle() + 200_000;
            boolean wasBusy = false;
            while (true) {
                long now = sim.cycle();
                if (now > limit) fail("the SAVE engine hangs: " + k + " busy " + busy.get() + " end " + end + " slave " + b2s(slave));
                abort.set(accept >= 0 && now == accept + abortAfter ? 1 : 0);
                slave.drive();
                sim.eval();
                slave.sample();
                boolean accepted = cmdValid.get() != 0 && cmdReady.get() != 0;
                int addr = (int) rdAddr.get();
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
                // The output buffer answers the address of the cycle before.
                rdData.setBytes(out[addr % out.length]);
                if (accepted) {
                    accept = now;
                    cmdValid.set(0);
                }
                if (end >= 0 && now > end + 8 && slave.quiet()) break;
            }
            assertTrue(slave.errors().isEmpty(), () -> "AXI protocol: " + slave.errors() + " in " + k);
            return new Observed(dones, faultCycles, code, accept, end);
        }

        /** Done cycles of the last {@link #stream}. */
        List<Long> lastDoneCycles = List.of();

        /** Presents the commands back to back, each as soon as the engine takes the one before. */
        Observed stream(List<Cmd> ks) {
            List<Long> faultCycles = new java.util.ArrayList<>(), doneCycles = new java.util.ArrayList<>();
            int next = 0, code = 0;
            long first = -1, end = -1, limit = sim.cycle() + 400_000;
            boolean wasBusy = false;
            while (true) {
                long now = sim.cycle();
                if (now > limit) fail("the SAVE engine hangs on a stream of " + ks.size());
                boolean presenting = next < ks.size() && faultCycles.isEmpty();
                if (presenting) {
                    Cmd k = ks.get(next);
                    base.set(k.base()); bound.set(k.bound()); offset.set(k.offset()); index.set(k.index());
                    s0.set(k.s0() & 0xffff_ffffL); s1.set(k.s1() & 0xffff_ffffL);
                    d0.set(k.d0() & 0xffff_ffffL); d1.set(k.d1() & 0xffff_ffffL); n0.set(k.n0()); n1.set(k.n1());
                }
                cmdValid.set(presenting ? 1 : 0);
                abort.set(0);
                slave.drive();
                sim.eval();
                slave.sample();
                boolean accepted = presenting && cmdReady.get() != 0;
                int addr = (int) rdAddr.get();
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
                rdData.setBytes(out[addr % out.length]);
                if (accepted) {
                    if (first < 0) first = now;
                    next++;
                }
                if (end >= 0 && now > end + 8 && slave.quiet()) break;
            }
            assertTrue(slave.errors().isEmpty(), () -> "AXI protocol: " + slave.errors());
            lastDoneCycles = doneCycles;
            return new Observed(doneCycles.size(), faultCycles, code, first, end);
        }

        static String b2s(AxiSlave s) {
            return s.state();
        }

        @Override
        public void close() {
            sim.close();
        }
    }

    static final DpuConfig BIG = DpuConfig.parse("4x8x8");
    static final DpuConfig SMALL = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");

    static CompiledModel model(DpuConfig c, AxiConfig a) {
        return NetRtl.build(() -> new SaveEngine(c, a), "dpu_save_engine", NetRtl.variant(c, a));
    }

    static long seed(String what) {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("SaveEngineTest." + what + " seed " + seed + " (-Djdpu.seed=" + seed + " replays)");
        return seed;
    }

    static Cmd randomCommand(DpuConfig c, Random rnd) {
        int e = c.ocp();
        while (true) {
            int n0 = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(12);
            int n1 = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(6);
            long s0 = switch (rnd.nextInt(4)) {
                case 0, 1 -> e;
                case 2 -> rnd.nextInt(e + 1);
                default -> rnd.nextInt(6 * e + 1) - 3L * e;
            };
            long s1 = rnd.nextBoolean() ? n0 * s0 : rnd.nextInt(401) - 200;
            long bound = 256 + rnd.nextInt(6000);
            long base = MEM_BASE + 64 + rnd.nextInt((int) (MEM_BYTES - bound - 128));
            long[] corners = {0, (n0 - 1) * s0, (n1 - 1) * s1, (n0 - 1) * s0 + (n1 - 1) * s1};
            long lo = Arrays.stream(corners).min().getAsLong(), hi = Arrays.stream(corners).max().getAsLong();
            if (hi - lo + e > bound) continue;
            long offset = -lo + rnd.nextLong(bound - e - (hi - lo) + 1);
            long d0 = new long[] {1, 2, -1, 0}[rnd.nextInt(4)];
            long d1 = rnd.nextBoolean() ? n0 * d0 : rnd.nextInt(21) - 10;
            long[] ic = {0, (n0 - 1) * d0, (n1 - 1) * d1, (n0 - 1) * d0 + (n1 - 1) * d1};
            long ilo = Arrays.stream(ic).min().getAsLong(), ihi = Arrays.stream(ic).max().getAsLong();
            if (ihi - ilo >= c.outputDepth()) continue;
            long index = -ilo + rnd.nextLong(c.outputDepth() - (ihi - ilo));
            return new Cmd(base, bound, offset & 0xffff_ffffL, index, s0, s1, d0, d1, n0, n1);
        }
    }

    /** Runs a command that must complete and compares the whole memory with the reference. */
    static void expectCompleted(Bench b, Cmd k) {
        byte[] want = b.mem.clone();
        Result ref = reference(b.c, k, b.out, want, null);
        assertEquals(null, ref.fault(), () -> "the reference of " + k + " faults");
        Observed got = b.run(k, -1);
        assertEquals(1, got.dones(), () -> "one done pulse for " + k);
        assertTrue(got.faultCycles().isEmpty(), () -> "no fault for " + k);
        assertMemory(want, b.mem, k);
    }

    static void assertMemory(byte[] want, byte[] got, Cmd k) {
        for (int i = 0; i < want.length; i++) {
            if (want[i] != got[i]) {
                int at = i;
                fail("memory byte " + Long.toHexString(MEM_BASE + i) + " is " + HexFormat.of().toHexDigits(got[at])
                        + ", want " + HexFormat.of().toHexDigits(want[at]) + " after " + k);
            }
        }
    }

    void randomSaves(DpuConfig c, AxiConfig a, int commands) {
        long seed = seed("randomSaves " + NetRtl.variant(c, a));
        Random rnd = new Random(seed);
        CompiledModel model = model(c, a);
        AxiSlave.Timing timing = new AxiSlave.Timing(1 + rnd.nextInt(6), 0.6, 0.7);
        try (Bench b = new Bench(model, c, a, rnd, timing)) {
            int elements = 0;
            for (int i = 0; i < commands; i++) {
                Cmd k = randomCommand(c, rnd);
                expectCompleted(b, k);
                elements += k.n0() * k.n1();
            }
            int n = Math.min(c.outputDepth(), 500);
            expectCompleted(b, new Cmd(MEM_BASE + 4096 - 29, 20_000, 3, 0, c.ocp(), 0, 1, 0, n, 1));
            elements += n;
            // The same kind of commands back to back: they overlap in the engine, the memory is as if one after another.
            List<Cmd> stream = new java.util.ArrayList<>();
            byte[] want = b.mem.clone();
            for (int i = 0; i < commands / 2; i++) {
                Cmd k = randomCommand(c, rnd);
                stream.add(k);
                reference(c, k, b.out, want, null);
                elements += k.n0() * k.n1();
            }
            Observed got = b.stream(stream);
            assertEquals(stream.size(), got.dones(), "one done per streamed command");
            assertTrue(got.faultCycles().isEmpty());
            assertMemory(want, b.mem, stream.getLast());
            System.out.println("SaveEngineTest " + NetRtl.variant(c, a) + ": " + commands + " + " + commands / 2 + " streamed random commands, "
                    + elements + " elements exact; " + b.slave.writeBursts + " bursts, " + b.slave.writeBeats + " beats");
        }
    }

    static void expectFault(Bench b, Cmd k, Fault fault, int elementsBefore) {
        byte[] want = b.mem.clone();
        Result ref = reference(b.c, k, b.out, want, null);
        assertEquals(fault, ref.fault(), () -> "reference of " + k);
        assertEquals(elementsBefore, ref.elements(), () -> "reference elements of " + k);
        Observed got = b.run(k, -1);
        assertEquals(1, got.faultCycles().size(), () -> "one fault pulse for " + k);
        assertEquals(fault.code(), got.faultCode(), () -> "fault code of " + k);
        assertEquals(0, got.dones());
        assertMemory(want, b.mem, k);
    }

    /** After an error or abort: every byte is either as before or the value the SAVE writes there; none outside the elements changed. */
    static void expectStopped(Bench b, Cmd k, byte[] before, long stopCycle) {
        byte[] full = before.clone();
        boolean[] touched = new boolean[before.length];
        reference(b.c, k, b.out, full, touched);
        for (int i = 0; i < before.length; i++) {
            if (b.mem[i] != before[i] && (!touched[i] || b.mem[i] != full[i])) {
                fail("byte " + Long.toHexString(MEM_BASE + i) + " changed to a value the SAVE does not write there: " + k);
            }
        }
        long late = b.slave.strobeCycles.stream().filter(t -> t > stopCycle).count();
        assertTrue(late <= 1, () -> late + " beats with strobes accepted after cycle " + stopCycle
                + " (only the one already on the bus may be)");
    }

    void faults(DpuConfig c, AxiConfig a) {
        long seed = seed("faults " + NetRtl.variant(c, a));
        Random rnd = new Random(seed);
        CompiledModel model = model(c, a);
        try (Bench b = new Bench(model, c, a, rnd, new AxiSlave.Timing(3, 0.7, 0.8))) {
            int e = c.ocp();
            long base = MEM_BASE + 1003;
            // Region: element 9 ends one byte past the bound; it shares its first beat with element 8.
            expectFault(b, new Cmd(base, 10L * e - 1, 0, 0, e, 0, 1, 0, 30, 1), Fault.REGION_BOUNDS, 9);
            // Region after an offset wraps below zero.
            expectFault(b, new Cmd(base, 4000, e, 0, -e, 0, 1, 0, 4, 1), Fault.REGION_BOUNDS, 2);
            // Output address past the buffer, in the second row.
            expectFault(b, new Cmd(base, 4000, 1, c.outputDepth() - 5, e, 3L * e, 1, 3, 3, 4), Fault.BANK_RANGE, 5);
            Cmd ok = new Cmd(base, 4000, 2, 0, e, 0, 1, 0, 20, 1);
            expectCompleted(b, ok);

            // SLVERR on a burst in the middle of a long save.
            // 300 elements: rows of at most the whole output buffer, each row read again.
            int n0 = Math.min(c.outputDepth(), 300), n1 = (300 + n0 - 1) / n0, n = n0 * n1;
            Cmd longSave = new Cmd(base, 20_000, 1, 0, e, (long) e * n0, 1, 0, n0, n1);
            long badBeat = Math.floorDiv(base + 1 + (long) e * n / 2, a.dataBytes());
            b.slave.writeError = addr -> Math.floorDiv(addr, a.dataBytes()) == badBeat;
            b.slave.strobeCycles.clear();
            byte[] before = b.mem.clone();
            Observed got = b.run(longSave, -1);
            b.slave.writeError = addr -> false;
            assertEquals(1, got.faultCycles().size(), "one fault pulse");
            assertEquals(Fault.AXI_RESPONSE.code(), got.faultCode());
            assertEquals(0, got.dones());
            expectStopped(b, longSave, before, got.faultCycles().getFirst());
            assertTrue(!Arrays.equals(before, b.mem), "the writes before the error landed");
            expectCompleted(b, ok);

            for (long at : new long[] {1, 4, 20, 70, 160}) {
                b.slave.strobeCycles.clear();
                // Overwrite the region first so the abort's partial write is visible.
                byte[] fresh = new byte[MEM_BYTES];
                rnd.nextBytes(fresh);
                System.arraycopy(fresh, 0, b.mem, 0, MEM_BYTES);
                byte[] mark = b.mem.clone();
                Observed ab = b.run(longSave, at);
                assertEquals(0, ab.dones(), "no done after abort");
                assertTrue(ab.faultCycles().isEmpty(), "no fault after abort");
                expectStopped(b, longSave, mark, ab.acceptCycle() + at);
                byte[] full = mark.clone();
                reference(c, longSave, b.out, full, null);
                assertTrue(!Arrays.equals(full, b.mem), "the abort at " + at + " stopped the save");
            }
            expectCompleted(b, ok);
            System.out.println("SaveEngineTest " + NetRtl.variant(c, a) + ": region, bank, SLVERR and abort cases pass");
        }
    }

    @Test
    void randomSavesBigConfigurationWideBus() {
        randomSaves(BIG, AxiConfig.DEFAULT, 40);
    }

    @Test
    void randomSavesSmallConfigurationNarrowBus() {
        randomSaves(SMALL, new AxiConfig(8, 4, 2), 40);
    }

    @Test
    void randomSavesSingleBeatBursts() {
        // A 4-byte bus, one-beat bursts, one in flight: elements straddle up to three beats.
        randomSaves(SMALL, new AxiConfig(4, 1, 1), 25);
    }

    @Test
    void randomSavesWideBusLongBursts() {
        // A 64-byte bus with 256-beat bursts: only the 4 KiB rule limits a burst.
        randomSaves(BIG, new AxiConfig(64, 256, 32), 25);
    }

    @Test
    void randomSavesOneByteElements() {
        // OCP = 1: every element is one beat, so merging an element into the open beat finishes it.
        randomSaves(DpuConfig.parse("1x1x1:act=64,wgt=64,out=64,bias=16"), AxiConfig.DEFAULT, 40);
    }

    @Test
    void faultsBigConfiguration() {
        faults(BIG, AxiConfig.DEFAULT);
    }

    @Test
    void faultsSmallConfigurationNarrowBus() {
        faults(SMALL, new AxiConfig(8, 4, 2));
    }

    /**
     * SAVEs presented back to back overlap: 32 commands of one short row each (the output-channel
     * groups of a run: rows 8 elements long, neighbouring groups sharing beats) take less than half
     * the cycles of 32 single SAVEs; the memory is exact (a sealed beat never merges
     * the next command's bytes, strobes keep both), one done per command, in order. Then a stream
     * whose fifth command runs out of its region: four dones, then the fault, nothing after it.
     */
    @Test
    void backToBackSavesOverlap() {
        DpuConfig c = BIG;
        AxiConfig a = AxiConfig.DEFAULT;
        int latency = 40, n = 32, elems = 8, e = c.ocp();
        List<Cmd> ks = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Group i of a pixel row: element x at byte (x * 3 + i % 3) * e, row i / 3 at 512 * (i / 3).
            ks.add(new Cmd(MEM_BASE + 4096, 60_000, 512L * (i / 3) + (long) (i % 3) * e, (long) elems * i, 3L * e, 0, 1, 0,
                    elems, 1));
        }
        try (Bench b = new Bench(model(c, a), c, a, new Random(12), new AxiSlave.Timing(latency, 1.0, 1.0))) {
            Observed alone = b.run(ks.getFirst(), -1);
            long single = alone.endCycle() - alone.acceptCycle();
            byte[] want = b.mem.clone();
            for (Cmd k : ks) assertEquals(null, reference(c, k, b.out, want, null).fault());
            Observed got = b.stream(ks);
            assertMemory(want, b.mem, ks.getLast());
            assertEquals(n, got.dones(), "one done per command");
            assertTrue(got.faultCycles().isEmpty());
            long cycles = got.endCycle() - got.acceptCycle();
            System.out.printf("SaveEngineTest back to back: %d SAVEs of %d elements in %d cycles"
                    + " (one alone %d, %d one after another)%n", n, elems, cycles, single, n * single);
            assertTrue(2 * cycles < n * single, "back-to-back SAVEs took " + cycles + " cycles, serial would be " + n * single);

            List<Cmd> faulting = new java.util.ArrayList<>(ks.subList(0, 5));
            Cmd bad = faulting.get(4);
            // Element 3 of the fifth command ends past its region's bound.
            faulting.set(4, new Cmd(bad.base(), bad.offset() + 3L * (3L * e) + e - 1, bad.offset(), bad.index(), bad.s0(), 0, 1, 0,
                    elems, 1));
            byte[] before = b.mem.clone();
            for (Cmd k : faulting.subList(0, 4)) reference(c, k, b.out, before, null);
            Result partial = reference(c, faulting.get(4), b.out, before, null);
            assertEquals(Fault.REGION_BOUNDS, partial.fault());
            assertEquals(3, partial.elements());
            Observed f = b.stream(faulting);
            assertMemory(before, b.mem, faulting.get(4));
            assertEquals(4, f.dones(), "the commands before the faulting one are done");
            assertEquals(1, f.faultCycles().size(), "one fault pulse");
            assertEquals(Fault.REGION_BOUNDS.code(), f.faultCode());
            long faultAt = f.faultCycles().getFirst();
            assertTrue(b.lastDoneCycles.stream().allMatch(t -> t < faultAt), "every done before the fault");
            expectCompleted(b, ks.get(3));
        }
    }

    @Test
    void contiguousSaveStreams() {
        DpuConfig c = DpuConfig.parse("2x8x16");
        AxiConfig a = AxiConfig.DEFAULT;
        try (Bench b = new Bench(model(c, a), c, a, new Random(11), AxiSlave.Timing.FULL_RATE)) {
            int n = 1024;
            long[] cycles = new long[2];
            long[] offsets = {0, 5};
            for (int i = 0; i < 2; i++) {
                Cmd k = new Cmd(MEM_BASE, 60_000, offsets[i], 0, 16, 0, 1, 0, n, 1);
                byte[] want = b.mem.clone();
                reference(c, k, b.out, want, null);
                Observed got = b.run(k, -1);
                assertEquals(1, got.dones());
                assertMemory(want, b.mem, k);
                cycles[i] = got.endCycle() - got.acceptCycle();
            }
            // Strided: S0 = 48 at offset 3, two beats per element with a gap beat between elements.
            Cmd strided = new Cmd(MEM_BASE, 60_000, 3, 0, 48, 0, 1, 0, n / 4, 1);
            byte[] want = b.mem.clone();
            reference(c, strided, b.out, want, null);
            Observed got = b.run(strided, -1);
            assertEquals(1, got.dones());
            assertMemory(want, b.mem, strided);
            long stridedCycles = got.endCycle() - got.acceptCycle();
            System.out.printf("SaveEngineTest stream (E=16, 16-byte bus): %d elements aligned in %d cycles (%.3f beats/cycle),"
                    + " misaligned in %d cycles; strided (S0=48) %d elements in %d cycles%n",
                    n, cycles[0], (double) n / cycles[0], cycles[1], n / 4, stridedCycles);
            assertTrue(stridedCycles <= 2 * (n / 4) + 60, "strided save took " + stridedCycles + " cycles");
            assertTrue(cycles[0] <= n + 60, "aligned contiguous save took " + cycles[0] + " cycles");
            assertTrue(cycles[1] <= n + 61, "misaligned contiguous save took " + cycles[1] + " cycles");
        }
    }
}
