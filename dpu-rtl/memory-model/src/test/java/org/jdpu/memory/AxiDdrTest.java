package org.jdpu.memory;

import org.jdpu.hdl.lib.Axi4;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Verilated DDR model driven by Java masters on both ports against a byte-array reference, with
 * an {@link AxiChecker} on each port that must stay silent: random traffic under every timing,
 * exact latencies, the bandwidth throttle, SLVERR injection and the backdoor.
 */
class AxiDdrTest {
    static final int DB = DdrHarness.AXI.dataBytes();

    /** The result of one random run: its cycles and the final memory image. */
    private record Outcome(long cycles, byte[] image) {}

    private static Outcome randomRun(long seed, DdrTiming t, boolean stress, long stressSeed) {
        Random gen = new Random(seed);
        byte[][] image = new byte[DdrHarness.SIZE / DB][DB];
        for (byte[] beat : image) {
            gen.nextBytes(beat);
        }
        try (DdrHarness h = new DdrHarness(t, stress, stressSeed)) {
            h.backdoorLoad(0, image);
            AxiTestMaster.Shared shared = new AxiTestMaster.Shared(DdrHarness.SIZE);
            for (int i = 0; i < image.length; i++) {
                System.arraycopy(image[i], 0, shared.memory, i * DB, DB);
            }
            Random traffic = new Random(seed + 1);
            AxiTestMaster instr = new AxiTestMaster(h.instr, shared, DB, new Random(seed + 2), 0.8, 0.7, 8, b -> Axi4.RESP_OKAY);
            AxiTestMaster data = new AxiTestMaster(h.data, shared, DB, new Random(seed + 3), 0.7, 0.8, 8, b -> Axi4.RESP_OKAY);
            for (int i = 0; i < 250; i++) {
                instr.todo.add(DdrHarness.randomBurst(traffic, false, 16));
                data.todo.add(DdrHarness.randomBurst(traffic, traffic.nextBoolean(), 16));
            }
            long cycles = h.run(400_000, instr, data);
            assertTrue(instr.beatsRead > 1000 && data.beatsRead > 500 && data.beatsWritten > 500,
                    "traffic too small: " + instr.beatsRead + " / " + data.beatsRead + " / " + data.beatsWritten);
            byte[][] back = h.backdoorRead(0, image.length);
            byte[] flat = new byte[DdrHarness.SIZE];
            for (int i = 0; i < back.length; i++) {
                System.arraycopy(back[i], 0, flat, i * DB, DB);
            }
            assertArrayEquals(shared.memory, flat, "memory image after the run differs from the reference");
            return new Outcome(cycles, flat);
        }
    }

    @Test
    void randomTrafficGivesTheSameDataUnderEveryTiming() {
        long seed = 20261202L;
        long stressSeed = 0xC0FFEEL;
        System.out.println("AxiDdrTest random traffic seed " + seed + ", stress seed " + stressSeed);
        Outcome ideal = randomRun(seed, DdrTiming.IDEAL, false, 0);
        Outcome zcu = randomRun(seed, DdrTiming.ZCU102_HP, false, 0);
        Outcome stressed = randomRun(seed, DdrTiming.ZCU102_HP, true, stressSeed);
        Outcome stressedAgain = randomRun(seed, DdrTiming.ZCU102_HP, true, stressSeed);
        Outcome otherSeed = randomRun(seed, DdrTiming.IDEAL, true, stressSeed + 1);
        System.out.printf("AxiDdrTest cycles: IDEAL %d, ZCU102_HP %d, ZCU102_HP+stress %d, IDEAL+stress(other seed) %d%n",
                ideal.cycles(), zcu.cycles(), stressed.cycles(), otherSeed.cycles());
        for (Outcome o : List.of(zcu, stressed, otherSeed)) {
            assertArrayEquals(ideal.image(), o.image(), "timing changed the data");
        }
        assertTrue(zcu.cycles() > ideal.cycles(), "realistic latency must cost cycles");
        assertTrue(stressed.cycles() > zcu.cycles(), "stress must slow the run down");
        assertNotEquals(ideal.cycles(), otherSeed.cycles());
        assertEquals(stressed.cycles(), stressedAgain.cycles(), "the same stress seed must give the same cycles");
    }

    /** Cycles from the AR handshake to the first cycle rvalid is high, for one read on an idle DDR. */
    private static long measureRead(DdrHarness h, AxiPins p, long addr, int len) {
        p.araddr.set(addr);
        p.arlen.set(len);
        p.arsize.set(4);
        p.arvalid.set(1);
        p.rready.set(1);
        long fired = -1;
        for (int guard = 0; guard < 5000; guard++) {
            h.sim.eval();
            long c = h.sim.cycle();
            if (fired >= 0 && p.rvalid.get() == 1) {
                long latency = c - fired;
                drainRead(h, p, len);
                return latency;
            }
            if (fired < 0 && p.arready.get() == 1) {
                fired = c;
                h.sim.step();
                p.arvalid.set(0);
                continue;
            }
            h.sim.step();
        }
        throw new AssertionError("no R beat");
    }

    private static void drainRead(DdrHarness h, AxiPins p, int len) {
        int beats = 0;
        for (int guard = 0; guard < 5000 && beats <= len; guard++) {
            h.sim.eval();
            if (p.rvalid.get() == 1) {
                beats++;
            }
            h.sim.step();
        }
        assertEquals(len + 1, beats);
    }

    /** Cycles from the last W handshake to the first cycle bvalid is high, for a one-beat write. */
    private static long measureWrite(DdrHarness h, AxiPins p, long addr) {
        p.awaddr.set(addr);
        p.awlen.set(0);
        p.awsize.set(4);
        p.awvalid.set(1);
        p.wvalid.set(1);
        p.wstrb.set(0xFFFF);
        p.wlast.set(1);
        p.bready.set(1);
        long lastW = -1;
        for (int guard = 0; guard < 5000; guard++) {
            h.sim.eval();
            long c = h.sim.cycle();
            if (lastW >= 0 && p.bvalid.get() == 1) {
                h.sim.step();
                return c - lastW;
            }
            boolean awFire = p.awvalid.get() == 1 && p.awready.get() == 1;
            boolean wFire = p.wvalid.get() == 1 && p.wready.get() == 1;
            h.sim.step();
            if (awFire) p.awvalid.set(0);
            if (wFire) {
                p.wvalid.set(0);
                lastW = c;
            }
        }
        throw new AssertionError("no B");
    }

    @Test
    void latenciesAreExactInDeterministicMode() {
        try (DdrHarness h = new DdrHarness(DdrTiming.IDEAL, false, 0)) {
            for (int l : new int[] {0, 1, 2, 3, 17, 40, 300, 1023}) {
                DdrTiming t = new DdrTiming(l, l, 8, 0);
                h.timing(t);
                assertEquals(t.effectiveReadLatency(), measureRead(h, h.data, 0x1230, 3), "data read latency " + l);
                assertEquals(t.effectiveReadLatency(), measureRead(h, h.instr, 0x40, 0), "instr read latency " + l);
                assertEquals(t.effectiveWriteLatency(), measureWrite(h, h.data, 0x800), "write latency " + l);
            }
            h.timing(DdrTiming.ZCU102_HP);
            assertEquals(40, measureRead(h, h.data, 0, 15));
            assertEquals(21, measureWrite(h, h.data, 0x100));
            h.assertCheckersSilent();
        }
    }

    @Test
    void beatGapThrottlesBandwidth() {
        for (int gap : new int[] {0, 2, 16, 48}) {
            DdrTiming t = new DdrTiming(0, 0, 16, gap);
            try (DdrHarness h = new DdrHarness(t, false, 0)) {
                AxiTestMaster.Shared shared = new AxiTestMaster.Shared(DdrHarness.SIZE);
                AxiTestMaster reader = new AxiTestMaster(h.instr, shared, DB, new Random(1), 1.0, 1.0, 8, b -> Axi4.RESP_OKAY);
                AxiTestMaster writer = new AxiTestMaster(h.data, shared, DB, new Random(2), 1.0, 1.0, 8, b -> Axi4.RESP_OKAY);
                for (int i = 0; i < 32; i++) {
                    reader.todo.add(new AxiBurst(false, 0, i * 256L, 15, 4, Axi4.BURST_INCR, null, null));
                    byte[][] d = new byte[16][DB];
                    long[] s = new long[16];
                    Arrays.fill(s, 0xFFFF);
                    writer.todo.add(new AxiBurst(true, 1, 0x8000 + i * 256L, 15, 4, Axi4.BURST_INCR, d, s));
                }
                long start = h.sim.cycle();
                h.run(100_000, reader, writer);
                double readRate = (double) reader.beatsRead / (reader.lastRBeatCycle - reader.firstRBeatCycle + 1);
                double want = t.beatsPerCycle();
                System.out.printf("AxiDdrTest beat gap %d/16: %.3f R beats per cycle (expected %.3f), %d cycles for 512 R + 512 W beats%n",
                        gap, readRate, want, h.sim.cycle() - start);
                assertEquals(want, readRate, 0.02 * want, "read bandwidth with beat gap " + gap);
            }
        }
    }

    @Test
    void injectedErrorsAnswerSlverrAndWriteNothing() {
        long errorAddr = 0x2345;
        long errorBeat = errorAddr / DB;
        try (DdrHarness h = new DdrHarness(DdrTiming.ZCU102_HP, false, 0)) {
            h.errorAddr.set(errorAddr);
            h.errorEnable.set(1);
            AxiTestMaster.Shared shared = new AxiTestMaster.Shared(DdrHarness.SIZE);
            java.util.function.ToIntFunction<AxiBurst> resp = b -> {
                long first = b.addr() / DB, last = b.beatAddr(b.len()) / DB;
                boolean hit = errorBeat >= first && errorBeat <= last;
                return hit || b.burst() != Axi4.BURST_INCR ? Axi4.RESP_SLVERR : Axi4.RESP_OKAY;
            };
            AxiTestMaster m = new AxiTestMaster(h.data, shared, DB, new Random(5), 0.9, 0.9, 4, resp);
            byte[][] d = new byte[8][DB];
            for (byte[] x : d) Arrays.fill(x, (byte) 0x5A);
            long[] s = new long[8];
            Arrays.fill(s, 0xFFFF);
            m.todo.add(new AxiBurst(true, 0, 0x2300, 7, 4, Axi4.BURST_INCR, d, s));   // covers 0x2340: SLVERR, nothing written
            m.todo.add(new AxiBurst(true, 1, 0x2380, 7, 4, Axi4.BURST_INCR, d, s));   // after it: OKAY
            m.todo.add(new AxiBurst(false, 0, 0x2200, 15, 4, Axi4.BURST_INCR, null, null)); // ends at 0x22F0: OKAY
            m.todo.add(new AxiBurst(false, 1, 0x2340, 0, 4, Axi4.BURST_INCR, null, null));  // the beat itself: SLVERR
            m.todo.add(new AxiBurst(false, 0, 0x2300, 7, 4, Axi4.BURST_INCR, null, null));  // reads zeros, SLVERR
            m.todo.add(new AxiBurst(false, 1, 0x2380, 7, 4, Axi4.BURST_INCR, null, null));  // reads 0x5A, OKAY
            m.todo.add(new AxiBurst(false, 0, 0x1000, 3, 4, Axi4.BURST_FIXED, null, null)); // FIXED: SLVERR
            m.todo.add(new AxiBurst(false, 0, 0x1000, 3, 4, Axi4.BURST_WRAP, null, null));  // WRAP: SLVERR
            h.run(20_000, m);
            byte[][] back = h.backdoorRead((int) (0x2300 / DB), 16);
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(new byte[DB], back[i], "the SLVERR write must not reach the memory");
                assertArrayEquals(d[0], back[8 + i], "the OKAY write must");
            }
            h.errorEnable.set(0);
            AxiTestMaster again = new AxiTestMaster(h.data, shared, DB, new Random(6), 0.9, 0.9, 4, b -> Axi4.RESP_OKAY);
            again.todo.add(new AxiBurst(false, 0, 0x2340, 0, 4, Axi4.BURST_INCR, null, null));
            h.run(2_000, again);
        }
    }

    @Test
    void backdoorRoundTripAndAxiSeeTheSameImage() {
        long seed = 77L;
        System.out.println("AxiDdrTest backdoor seed " + seed);
        Random rnd = new Random(seed);
        try (DdrHarness h = new DdrHarness(DdrTiming.IDEAL, false, 0)) {
            int beats = DdrHarness.SIZE / DB;
            byte[][] image = new byte[beats][DB];
            for (byte[] b : image) rnd.nextBytes(b);
            long t0 = h.sim.cycle();
            h.backdoorLoad(0, image);
            assertEquals(beats, h.sim.cycle() - t0, "one beat per cycle");
            byte[][] back = h.backdoorRead(0, beats);
            for (int i = 0; i < beats; i++) {
                assertArrayEquals(image[i], back[i], "backdoor beat " + i);
            }
            // Addresses wrap at the memory size: beat 0 also answers at SIZE, and AXI sees the image.
            AxiTestMaster.Shared shared = new AxiTestMaster.Shared(DdrHarness.SIZE);
            for (int i = 0; i < beats; i++) System.arraycopy(image[i], 0, shared.memory, i * DB, DB);
            AxiTestMaster m = new AxiTestMaster(h.instr, shared, DB, new Random(seed), 0.9, 0.9, 8, b -> Axi4.RESP_OKAY);
            for (int i = 0; i < 64; i++) m.todo.add(DdrHarness.randomBurst(rnd, false, 16));
            m.todo.add(new AxiBurst(false, 0, DdrHarness.SIZE, 3, 4, Axi4.BURST_INCR, null, null));
            m.todo.add(new AxiBurst(false, 0, 7L * DdrHarness.SIZE + 0x40, 3, 4, Axi4.BURST_INCR, null, null));
            h.run(50_000, m);
        }
    }

    @Test
    void outstandingLimitHoldsArreadyLow() {
        try (DdrHarness h = new DdrHarness(new DdrTiming(50, 50, 1, 0), false, 0)) {
            AxiPins p = h.data;
            p.arvalid.set(1);
            p.araddr.set(0);
            p.arlen.set(1);
            p.arsize.set(4);
            p.rready.set(1);
            List<Long> arFires = new ArrayList<>(), lastBeats = new ArrayList<>();
            for (int c = 0; c < 400 && lastBeats.size() < 3; c++) {
                h.sim.eval();
                if (p.arready.get() == 1 && arFires.size() < 3) arFires.add(h.sim.cycle());
                if (p.rvalid.get() == 1 && p.rlast.get() == 1) lastBeats.add(h.sim.cycle());
                h.sim.step();
                if (arFires.size() == 3) p.arvalid.set(0);
            }
            assertEquals(3, lastBeats.size());
            for (int i = 1; i < 3; i++) {
                assertTrue(arFires.get(i) > lastBeats.get(i - 1), "with one outstanding burst the next AR waits for the last R");
            }
            h.assertCheckersSilent();
        }
    }
}
