package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.compiler.net.FeatureMap;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.iss.CoreRunBound;
import org.jdpu.iss.Ddr;
import org.jdpu.iss.Iss;
import org.jdpu.iss.IssResult;
import org.jdpu.iss.NetIss;
import org.jdpu.memory.DdrTiming;
import org.jdpu.runtime.DdrMap;
import org.jdpu.runtime.NetRun;
import org.jdpu.runtime.NetSession;
import org.jdpu.sim.Trace;
import org.jdpu.tensor.Int8Tensor;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One harness session for a series of programs derived from one small compiled network: puts a
 * program's words and fresh region images into the simulated DDR before each START (so every
 * run starts from the same data), sets the data checker's write windows to the regions' bounds as
 * the run programs them, runs with a watchdog, and checks what every run must keep whatever its
 * instructions: done (with or without a fault), the interrupt, both AXI masters protocol-clean and
 * no write outside the windows. The engine is never reset between programs.
 */
final class FaultBench implements AutoCloseable {
    static final DpuConfig CONFIG = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32");
    /** Room left for programs longer than the compiled one (the map places the regions after it). */
    static final int MAX_INSTRUCTIONS = 1024;

    final NetProgram program;
    final int[] words;
    final DdrMap map;
    final NetSession session;
    final NetIss.Outcome clean;
    /** Bounds the runs and DMAs of the next program from what earlier programs left in the core. */
    final CoreRunBound bound = new CoreRunBound(CONFIG);
    final long watchdog;

    /** How one START is set up beyond the program's words. */
    record Setup(long[] bounds, long instrOffset, long errorAt) {
        static Setup normal(DdrMap map) {
            return new Setup(map.regionSize().clone(), 0, -1);
        }

        Setup withBound(int region, long bound) {
            long[] b = bounds.clone();
            b[region] = bound;
            return new Setup(b, instrOffset, errorAt);
        }

        Setup withInstrOffset(long off) {
            return new Setup(bounds, off, errorAt);
        }

        Setup withError(long address) {
            return new Setup(bounds, instrOffset, address);
        }
    }

    /** A run's outcome: the registers, STATUS as read after it, and the regions' images after it. */
    record Outcome(NetRun run, long status, byte[][] regions) {}

    FaultBench(long timingSeed) {
        NetCosimTest.Net net = NetCosimTest.chain(3, 6, 7, 3, new int[][] {{8, 3, 1, 1}, {6, 3, 1, 1}, {4, 1, 1, 0}});
        program = NetworkCompiler.compile(CONFIG, net.spec(), net.input(), net.tensors(), NetworkCompiler.Workspace.KEEP_ALL);
        words = new int[program.instructions().size() * Instruction.WORDS];
        for (int i = 0; i < program.instructions().size(); i++) {
            System.arraycopy(program.instructions().get(i).encode(), 0, words, i * Instruction.WORDS, Instruction.WORDS);
        }
        clean = NetIss.run(program);
        assertTrue(clean.result().ok(), clean.result().summary());
        long[] sizes = new long[program.regions().size()];
        for (int r = 0; r < sizes.length; r++) sizes[r] = program.regions().get(r).size();
        map = DdrMap.place(NetSession.DDR_START, MAX_INSTRUCTIONS, sizes);
        session = new NetSession(CONFIG, AxiConfig.DEFAULT, NetModels.compiled(CONFIG, AxiConfig.DEFAULT, Trace.NONE).open());
        session.timing(DdrTiming.ZCU102_HP, timingSeed != 0, timingSeed);
        session.simulator().reset(4);
        long predicted = ProgramCycleModel.schedule(CONFIG, AxiConfig.DEFAULT, NetCosim.memoryTiming(DdrTiming.ZCU102_HP),
                program.instructions()).total();
        watchdog = 4 * predicted + 100_000;
    }

    int instructions() {
        return program.instructions().size();
    }

    /** A copy of the compiled program's words. */
    int[] cleanWords() {
        return words.clone();
    }

    /** A copy of the words of instruction {@code i} of {@code w}. */
    static int[] slice(int[] w, int i) {
        return Arrays.copyOfRange(w, i * Instruction.WORDS, (i + 1) * Instruction.WORDS);
    }

    static void put(int[] w, int i, int[] instr) {
        System.arraycopy(instr, 0, w, i * Instruction.WORDS, Instruction.WORDS);
    }

    /** Runs {@code w} ({@code count} instructions may be fetched) once and checks what every run must keep. */
    Outcome run(String what, int[] w, long count, Setup s) {
        return run(what, w, count, s, watchdog);
    }

    Outcome run(String what, int[] w, long count, Setup s, long maxCycles) {
        byte[] bin = new byte[w.length * 4];
        for (int k = 0; k < w.length; k++) {
            for (int j = 0; j < 4; j++) bin[4 * k + j] = (byte) (w[k] >>> (8 * j));
        }
        if (w.length / Instruction.WORDS > MAX_INSTRUCTIONS) throw new IllegalArgumentException("program too long");
        session.ddr().write(map.instructionBase(), bin);
        for (NetProgram.RegionImage r : program.regions()) {
            long base = map.regionBase()[r.region().ordinal()];
            if (r.contents() != null) session.ddr().write(base, r.contents());
            else session.ddr().zero(base, r.size());
        }
        DdrMap m = new DdrMap(map.instructionBase(), map.regionBase(), s.bounds(), map.end());
        session.writeWindows(m);
        session.program(m, (int) count);
        if (s.instrOffset() != 0) {
            session.host().write(ControlRegister.INSTR_ADDR_LO.offset(), map.instructionBase() + s.instrOffset());
        }
        session.injectError(s.errorAt());
        NetRun run;
        try {
            run = session.run(maxCycles, null);
        } finally {
            session.injectError(-1);
        }
        bound.ran(w, count);
        long status = session.host().read(ControlRegister.STATUS.offset());
        assertEquals(0b010, status & 0b011, what + ": done, not busy");
        assertEquals(0, session.simulator().port("irq").get(), what + ": the interrupt was raised and then cleared");
        assertNull(run.dataCheck(), what + ": data master " + run.dataCheck());
        assertNull(run.instrCheck(), what + ": fetch master " + run.instrCheck());
        byte[][] images = new byte[program.regions().size()][];
        for (NetProgram.RegionImage r : program.regions()) {
            images[r.region().ordinal()] = session.ddr().read(map.regionBase()[r.region().ordinal()], Math.toIntExact(r.size()));
        }
        return new Outcome(run, status, images);
    }

    /** Runs the compiled program and checks that every layer's output equals the simulator's. */
    void cleanRunPasses(String after) {
        Outcome o = run("clean run after " + after, words, instructions(), Setup.normal(map));
        assertEquals(org.jdpu.arch.isa.Fault.NONE, o.run().fault(), "clean run after " + after + ": FAULT_INSTR "
                + o.run().faultInstr());
        for (int i = 0; i < program.layers().size(); i++) {
            FeatureMap f = program.layers().get(i).output();
            Int8Tensor got = NetIss.read(o.regions()[f.region().ordinal()], f);
            assertArrayEquals(clean.layerOutputs().get(i).data(), got.data(),
                    "clean run after " + after + ": layer " + program.layers().get(i).name());
        }
    }

    /** The simulator's result and its regions after a program. */
    record IssRun(IssResult result, Ddr ddr) {}

    /** The simulator's run of {@code w} on the regions' images cut to {@code bounds}. */
    IssRun iss(int[] w, long[] bounds) {
        Ddr ddr = new Ddr();
        for (NetProgram.RegionImage r : program.regions()) {
            byte[] full = r.contents() != null ? r.contents().clone() : new byte[Math.toIntExact(r.size())];
            ddr.put(r.region().ordinal(), Arrays.copyOf(full, (int) Math.min(full.length, bounds[r.region().ordinal()])));
        }
        return new IssRun(Iss.run(CONFIG, w, ddr), ddr);
    }

    /**
     * Bytes of the regions the engine left other than both the image before the run and what the
     * clean program leaves there: a write no part of the program's own work explains.
     */
    long unexplainedBytes(Outcome o) {
        long n = 0;
        for (NetProgram.RegionImage r : program.regions()) {
            int reg = r.region().ordinal();
            byte[] before = r.contents() != null ? r.contents() : new byte[Math.toIntExact(r.size())];
            byte[] after = clean.ddr().region(reg);
            byte[] got = o.regions()[reg];
            for (int k = 0; k < got.length; k++) {
                if (got[k] != before[k] && got[k] != after[k]) n++;
            }
        }
        return n;
    }

    /** Bytes where the engine's regions differ from the simulator's after the same faulting program. */
    static long differing(Outcome o, Ddr issDdr) {
        long n = 0;
        for (int reg = 0; reg < o.regions().length; reg++) {
            byte[] want = issDdr.region(reg), got = o.regions()[reg];
            for (int k = 0; k < Math.min(want.length, got.length); k++) {
                if (want[k] != got[k]) n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        session.close();
    }
}
