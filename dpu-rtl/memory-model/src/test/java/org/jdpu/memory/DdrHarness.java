package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Verilated {@link DdrBench} with its timing set and a Java master on each port. */
final class DdrHarness implements AutoCloseable {
    static final AxiConfig AXI = AxiConfig.DEFAULT;
    static final int SIZE = 1 << 16;
    private static CompiledModel model;

    final Simulator sim;
    final AxiPins instr, data;
    final Port instrError, instrCode, dataError, dataCode;
    final Port bdWe, bdAddr, bdWdata, bdRdata;
    final Port errorAddr, errorEnable;

    static synchronized CompiledModel model() {
        if (model == null) {
            model = Rtl.model(() -> new DdrBench(AXI, SIZE), DdrBench.TOP);
        }
        return model;
    }

    DdrHarness(DdrTiming t, boolean stress, long seed) {
        sim = model().open();
        instr = new AxiPins(sim, "s_axi_instr");
        data = new AxiPins(sim, "s_axi_data");
        instrError = sim.port("s_axi_instr_error");
        instrCode = sim.port("s_axi_instr_error_code");
        dataError = sim.port("s_axi_data_error");
        dataCode = sim.port("s_axi_data_error_code");
        bdWe = sim.port("bd_we");
        bdAddr = sim.port("bd_addr");
        bdWdata = sim.port("bd_wdata");
        bdRdata = sim.port("bd_rdata");
        errorAddr = sim.port("cfg_error_addr");
        errorEnable = sim.port("cfg_error_enable");
        for (AxiPins p : new AxiPins[] {instr, data}) { // INCR unless a test says otherwise
            p.arburst.set(Axi4.BURST_INCR);
            p.awburst.set(Axi4.BURST_INCR);
        }
        timing(t);
        sim.port("cfg_stress").set(stress ? 1 : 0);
        sim.port("cfg_seed").set(seed);
        sim.reset(2);
    }

    void timing(DdrTiming t) {
        sim.port("cfg_read_latency").set(t.readLatency());
        sim.port("cfg_write_latency").set(t.writeLatency());
        sim.port("cfg_outstanding").set(t.outstanding());
        sim.port("cfg_beat_gap").set(t.beatGap());
    }

    /** Runs the masters until all are idle; returns the cycles it took. */
    long run(long maxCycles, AxiTestMaster... masters) {
        long start = sim.cycle();
        while (true) {
            boolean idle = true;
            for (AxiTestMaster m : masters) {
                idle &= m.idle();
            }
            if (idle) {
                break;
            }
            if (sim.cycle() - start > maxCycles) {
                fail("the masters did not finish within " + maxCycles + " cycles");
            }
            for (AxiTestMaster m : masters) {
                m.drive();
            }
            sim.eval();
            for (AxiTestMaster m : masters) {
                m.sample();
            }
            long cycle = sim.cycle();
            sim.step();
            for (AxiTestMaster m : masters) {
                m.commit(cycle);
            }
        }
        sim.eval();
        assertCheckersSilent();
        for (AxiTestMaster m : masters) {
            assertTrue(m.failures.isEmpty(), () -> m.failures.size() + " failures, first: " + String.join("\n", m.failures.subList(0, Math.min(10, m.failures.size()))));
        }
        return sim.cycle() - start;
    }

    void assertCheckersSilent() {
        assertEquals(0, instrError.get(), () -> "instr checker: " + AxiRule.ofCode((int) instrCode.get()));
        assertEquals(0, dataError.get(), () -> "data checker: " + AxiRule.ofCode((int) dataCode.get()));
    }

    /** Writes whole beats through the backdoor, one per cycle. */
    void backdoorLoad(int firstBeat, byte[][] beats) {
        bdWe.set(1);
        for (int i = 0; i < beats.length; i++) {
            bdAddr.set(firstBeat + i);
            bdWdata.setBytes(beats[i]);
            sim.step();
        }
        bdWe.set(0);
        sim.eval();
    }

    /** Reads beats through the backdoor, one per cycle (bd_rdata follows bd_addr one cycle later). */
    byte[][] backdoorRead(int firstBeat, int count) {
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            bdAddr.set(firstBeat + i);
            sim.step();
            out[i] = bdRdata.getBytes();
        }
        return out;
    }

    /** A random legal burst inside the memory, never crossing 4 KiB. */
    static AxiBurst randomBurst(Random rnd, boolean write, int maxLen) {
        int db = AXI.dataBytes();
        int size = rnd.nextInt(5) == 0 ? rnd.nextInt(5) : 4;
        int len = rnd.nextInt(maxLen);
        int bytes = (len + 1) << size;
        while (bytes > 4096) {
            len /= 2;
            bytes = (len + 1) << size;
        }
        long page = rnd.nextInt(SIZE / 4096) * 4096L;
        long off = rnd.nextInt((4096 - bytes) / (1 << size) + 1) * (long) (1 << size);
        long addr = page + off + (rnd.nextInt(4) == 0 ? rnd.nextInt(1 << size) : 0);
        AxiBurst shape = new AxiBurst(write, rnd.nextInt(2), addr, len, size, Axi4.BURST_INCR, null, null);
        if (!write) {
            return shape;
        }
        byte[][] d = new byte[len + 1][db];
        long[] strb = new long[len + 1];
        for (int k = 0; k <= len; k++) {
            rnd.nextBytes(d[k]);
            long lanes = shape.lanes(k, db);
            strb[k] = rnd.nextInt(3) == 0 ? lanes & rnd.nextLong() : lanes;
        }
        return new AxiBurst(true, shape.id(), addr, len, size, Axi4.BURST_INCR, d, strb);
    }

    @Override
    public void close() {
        sim.close();
    }
}
