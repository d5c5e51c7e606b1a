package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Queue;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LOAD and SAVE on the simulator against a direct computation of the two address loops: strides
 * negative and misaligned, index steps that wrap modulo 2^32, each target's element size, empty
 * loops, an element ending exactly at the region bound.
 */
class IssDmaTest {
    private static final DpuConfig C = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");
    private static final long SEED = 4242;

    /** (offset, index) of every element, in loop order: i1 outer, modulo 2^32. */
    private static List<long[]> elements(long offset, long index, int n0, int n1, int s0, int s1, long d0, long d1) {
        List<long[]> e = new java.util.ArrayList<>();
        for (int i1 = 0; i1 < n1; i1++) {
            for (int i0 = 0; i0 < n0; i0++) {
                e.add(new long[] {(offset + (long) i0 * s0 + (long) i1 * s1) & 0xFFFFFFFFL,
                        (index + i0 * d0 + i1 * d1) & 0xFFFFFFFFL});
            }
        }
        return e;
    }

    private static Ddr randomDdr(int region, int bytes, Random r) {
        Ddr d = new Ddr();
        r.nextBytes(d.allocate(region, bytes));
        return d;
    }

    @Test
    void activationLoadWithNegativeAndMisalignedStrides() {
        System.out.println("IssDmaTest seed " + SEED);
        Random r = new Random(SEED);
        Ddr ddr = randomDdr(2, 400, r);
        int icp = C.icp(), n0 = 6, n1 = 4, s0 = icp + 2, s1 = -3 * icp - 1;
        long offset = 250, index = 30, d0 = 1, d1 = 0xFFFFFFFFL - 7; // d1 = -8: rows go down
        Instruction load = Instruction.load(LoadTarget.ACTIVATIONS, 2, offset, index, n0, n1, s0, s1, d0, d1);
        IssResult res = Iss.run(C, List.of(load, Instruction.end()), ddr);
        assertEquals(Fault.NONE, res.fault(), res.summary());

        Map<Long, byte[]> expected = new LinkedHashMap<>();
        for (long[] e : elements(offset, index, n0, n1, s0, s1, d0, d1)) {
            expected.put(e[1], Arrays.copyOfRange(ddr.region(2), (int) e[0], (int) e[0] + icp));
        }
        int banks = C.actBanks();
        for (long slot = 0; slot < C.actCapacityWords(); slot++) {
            byte[] want = expected.getOrDefault(slot, new byte[icp]);
            assertArrayEquals(want, res.buffers().activationWord((int) (slot % banks), (int) (slot / banks)), "slot " + slot);
        }
        assertEquals(n0 * n1, res.elementsLoaded());
        assertEquals((long) n0 * n1 * icp, res.ddrBytesRead());
        assertEquals((long) n0 * n1 * icp, res.ddrBytesByInstruction()[0]);
        assertEquals(1, res.executed(Queue.LOAD));
    }

    @Test
    void weightLoadFillsColumnBanksAndBiasLoadReadsLittleEndianInt32() {
        Random r = new Random(SEED + 1);
        Ddr ddr = randomDdr(0, 1000, r);
        int icp = C.icp(), ocp = C.ocp();
        // Weights: columns by the inner loop, addresses 9, 8, 7 by the outer one (d1 = -64), DDR backwards.
        long wIndex = (9L << 6);
        int ws0 = icp, ws1 = -ocp * icp - 1;
        long wOffset = 700;
        // Biases: an odd offset, addresses 3 and 5.
        long bIndex = 3L << 6;
        int bs0 = 4, bs1 = 4 * ocp + 1;
        long bOffset = 13;
        List<Instruction> prog = List.of(
                Instruction.load(LoadTarget.WEIGHTS, 0, wOffset, wIndex, ocp, 3, ws0, ws1, 1, -64),
                Instruction.load(LoadTarget.BIAS, 0, bOffset, bIndex, ocp, 2, bs0, bs1, 1, 128),
                Instruction.end());
        IssResult res = Iss.run(C, prog, ddr);
        assertEquals(Fault.NONE, res.fault(), res.summary());
        byte[] img = ddr.region(0);
        for (long[] e : elements(wOffset, wIndex, ocp, 3, ws0, ws1, 1, -64)) {
            assertArrayEquals(Arrays.copyOfRange(img, (int) e[0], (int) e[0] + icp),
                    res.buffers().weightWord((int) (e[1] & 63), (int) (e[1] >> 6)), "weight index " + e[1]);
        }
        for (long[] e : elements(bOffset, bIndex, ocp, 2, bs0, bs1, 1, 128)) {
            int o = (int) e[0];
            int want = (img[o] & 0xFF) | (img[o + 1] & 0xFF) << 8 | (img[o + 2] & 0xFF) << 16 | (img[o + 3] & 0xFF) << 24;
            assertEquals(want, res.buffers().bias((int) (e[1] & 63), (int) (e[1] >> 6)), "bias index " + e[1]);
        }
        assertEquals(0, res.buffers().bias(0, 4), "address 4 lies between the two rows");
        assertEquals(3L * ocp * icp + 2L * ocp * 4, res.ddrBytesRead());
        assertEquals(3L * ocp + 2L * ocp, res.elementsLoaded());
    }

    @Test
    void saveWritesOutputWordsWithWrappingIndexSteps() {
        Random r = new Random(SEED + 2);
        int ocp = C.ocp();
        OnChipBuffers b = new OnChipBuffers(C);
        r.nextBytes(b.outputArray());
        Ddr ddr = randomDdr(3, 300, r);
        byte[] before = ddr.region(3).clone();
        int n0 = 4, n1 = 3, s0 = ocp + 3, s1 = -(4 * (ocp + 3)) - 5;
        long offset = 200, index = 40, d0 = 2, d1 = 0xFFFFFFFFL - 2; // d1 = -3 modulo 2^32
        IssResult res = Iss.run(b, List.of(Instruction.save(3, offset, index, n0, n1, s0, s1, d0, d1),
                Instruction.end()), ddr);
        assertEquals(Fault.NONE, res.fault(), res.summary());
        byte[] want = before.clone();
        for (long[] e : elements(offset, index, n0, n1, s0, s1, d0, d1)) {
            System.arraycopy(b.outputWord((int) e[1]), 0, want, (int) e[0], ocp);
        }
        assertArrayEquals(want, ddr.region(3));
        assertEquals(n0 * n1, res.elementsSaved());
        assertEquals((long) n0 * n1 * ocp, res.ddrBytesWritten());
        assertEquals(1, res.executed(Queue.SAVE));
    }

    @Test
    void anElementMayEndExactlyAtTheBound() {
        Ddr ddr = new Ddr();
        ddr.allocate(1, 3 * C.ocp());
        OnChipBuffers b = new OnChipBuffers(C);
        Arrays.fill(b.outputArray(), (byte) 5);
        IssResult res = Iss.run(b, List.of(Instruction.save(1, 2L * C.ocp(), 0, 1, 1, 0, 0, 0, 0), Instruction.end()), ddr);
        assertEquals(Fault.NONE, res.fault(), res.summary());
        assertEquals(5, ddr.region(1)[3 * C.ocp() - 1]);
        assertEquals(0, ddr.region(1)[2 * C.ocp() - 1]);
    }

    @Test
    void emptyLoopsMoveNothingAndCheckNothing() {
        Ddr ddr = new Ddr(); // no region at all: any element would be out of bounds
        List<Instruction> prog = List.of(
                Instruction.load(LoadTarget.ACTIVATIONS, 5, 1 << 20, 1 << 30, 0, 9, 1, 1, 1, 1),
                Instruction.load(LoadTarget.BIAS, 5, 1 << 20, 1 << 30, 9, 0, 1, 1, 1, 1),
                Instruction.save(6, 1 << 20, 1 << 30, 0, 0, 1, 1, 1, 1),
                Instruction.end());
        IssResult res = Iss.run(C, prog, ddr);
        assertEquals(Fault.NONE, res.fault(), res.summary());
        assertEquals(0, res.elementsLoaded() + res.elementsSaved() + res.ddrBytesRead() + res.ddrBytesWritten());
        assertEquals(2, res.executed(Queue.LOAD));
        assertEquals(1, res.executed(Queue.SAVE));
        OnChipBuffers fresh = new OnChipBuffers(C);
        assertTrue(Arrays.equals(fresh.activationArray(), res.buffers().activationArray()));
    }
}
