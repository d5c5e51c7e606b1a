package org.jdpu.hdl.tests;

import org.apache.commons.math3.random.RandomGenerator;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.Data;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Fifo;
import org.jdpu.hdl.lib.SkidBuffer;
import org.jdpu.hdl.lib.Stream;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.sint;
import static org.jdpu.hdl.Hdl.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The library's stream components (skid buffer, FIFOs of several depths and both storages, one
 * with a bundle payload) in one verilated design, each between a random source and a random sink
 * (seeded; {@code -Djdpu.seed=N} replays) and checked against a Java queue: words leave in order,
 * none is lost or duplicated, a stalled output holds its word, no output depends combinationally
 * on an input, a full buffer holds exactly its capacity, and a free-flowing one passes one word
 * per cycle.
 */
class StreamComponentsTest {

    /** A payload bundle: the FIFO stores it packed in one memory word. */
    static final class Pixel extends Bundle {
        final UInt r = field("r", uint(5));
        final SInt g = field("g", sint(6));
        final Bool mark = field("mark", bool());
    }

    /** One device under test: its port prefix, capacity and words per cycle when nothing stalls. */
    record Dut(String name, Supplier<HwModule> make, int capacity, double throughput) {}

    static final List<Dut> DUTS = List.of(
            new Dut("skid", () -> SkidBuffer.ofWidth(16), 2, 1.0),
            new Dut("skid_px", () -> new SkidBuffer<>(Pixel::new), 2, 1.0),
            new Dut("fifo1", () -> Fifo.ofWidth(16, 1), 1, 0.5),
            new Dut("fifo2", () -> Fifo.ofWidth(16, 2), 2, 1.0),
            new Dut("fifo5", () -> Fifo.ofWidth(16, 5), 5, 1.0),
            new Dut("fifo4m", () -> new Fifo<>(() -> uint(16), 4, Fifo.Storage.MEMORY), 4, 1.0),
            new Dut("fifo6m", () -> new Fifo<>(() -> uint(16), 6, Fifo.Storage.MEMORY), 6, 1.0),
            new Dut("fifo40px", () -> new Fifo<>(Pixel::new, 40), 40, 1.0));

    /** Every DUT behind its own pair of top-level streams {@code <name>_in}, {@code <name>_out}. */
    static final class Bench extends HwModule {
        Bench() {
            for (Dut d : DUTS) {
                HwModule m = instance(d.name(), d.make().get());
                Stream<?>[] io = streams(m);
                connect(d.name(), io[0], io[1]);
            }
        }

        private <T extends Data> void connect(String name, Stream<T> childIn, Stream<?> childOut) {
            @SuppressWarnings("unchecked")
            Stream<T> out = (Stream<T>) childOut;
            Stream<T> in = input(name + "_in", childIn.fresh());
            Stream<T> o = output(name + "_out", out.fresh());
            childIn.assign(in);
            o.assign(out);
        }
    }

    static Stream<?>[] streams(HwModule m) {
        return switch (m) {
            case SkidBuffer<?> s -> new Stream<?>[] {s.in, s.out};
            case Fifo<?> f -> new Stream<?>[] {f.in, f.out};
            default -> throw new IllegalArgumentException(m.toString());
        };
    }

    /** A source that offers words at random and holds each until it is taken, a sink that takes at random, and the queue model between them. */
    static final class Harness {
        final Dut dut;
        final Port[] inData, outData;
        final long[] masks;
        final Port inValid, inReady, outValid, outReady;
        final RandomGenerator rnd;
        final ArrayDeque<List<Long>> model = new ArrayDeque<>();
        double pValid, pReady;
        List<Long> offered;
        boolean ready;
        List<Long> held;
        long sent, received, receivedInWindow;

        Harness(Simulator sim, Dut dut, RandomGenerator rnd) {
            this.dut = dut;
            this.rnd = rnd;
            List<Port> ins = new ArrayList<>(), outs = new ArrayList<>();
            for (Port p : sim.ports()) {
                if (p.name().startsWith(dut.name() + "_in_data")) {
                    ins.add(p);
                    outs.add(sim.port(p.name().replace(dut.name() + "_in_data", dut.name() + "_out_data")));
                }
            }
            assertFalse(ins.isEmpty(), dut.name());
            inData = ins.toArray(Port[]::new);
            outData = outs.toArray(Port[]::new);
            masks = Arrays.stream(inData).mapToLong(p -> p.width() == 64 ? -1L : (1L << p.width()) - 1).toArray();
            inValid = sim.port(dut.name() + "_in_valid");
            inReady = sim.port(dut.name() + "_in_ready");
            outValid = sim.port(dut.name() + "_out_valid");
            outReady = sim.port(dut.name() + "_out_ready");
        }

        void drive() {
            if (offered == null && rnd.nextDouble() < pValid) {
                List<Long> w = new ArrayList<>();
                for (long m : masks) {
                    w.add(rnd.nextLong() & m);
                }
                offered = w;
            }
            inValid.set(offered == null ? 0 : 1);
            for (int i = 0; i < inData.length; i++) {
                inData[i].set(offered == null ? rnd.nextLong() & masks[i] : offered.get(i));
            }
            ready = rnd.nextDouble() < pReady;
            outReady.set(ready ? 1 : 0);
        }

        /** Outputs before this cycle's edge: what fires, checked against the model. */
        void sample(long cycle, boolean counting) {
            boolean inFire = offered != null && inReady.get() == 1;
            boolean valid = outValid.get() == 1;
            List<Long> word = outWord();
            if (held != null) {
                assertTrue(valid, () -> dut.name() + ": out.valid dropped without a transfer at cycle " + cycle);
                assertEquals(held, word, () -> dut.name() + ": stalled word changed at cycle " + cycle);
            }
            if (inFire) {
                model.add(offered);
                offered = null;
                sent++;
            }
            if (valid && ready) {
                List<Long> expected = model.poll();
                assertNotNull(expected, () -> dut.name() + ": a word came out that was never sent (duplicate) at cycle "
                        + cycle);
                assertEquals(expected, word, () -> dut.name() + ": word " + received + " out of order at cycle " + cycle);
                received++;
                if (counting) {
                    receivedInWindow++;
                }
                held = null;
            } else {
                held = valid ? word : null;
            }
        }

        List<Long> outWord() {
            List<Long> w = new ArrayList<>();
            for (int i = 0; i < outData.length; i++) {
                w.add(outData[i].get() & masks[i]);
            }
            return w;
        }

        /** Outputs must not move when only inputs change (every output comes from a register). */
        void checkRegisteredOutputs(Simulator sim, long cycle) {
            long[] before = outputs();
            inValid.set(1 - inValid.get());
            outReady.set(1 - outReady.get());
            for (int i = 0; i < inData.length; i++) {
                inData[i].set(~inData[i].get() & masks[i]);
            }
            sim.eval();
            assertTrue(Arrays.equals(before, outputs()),
                    () -> dut.name() + ": an output follows an input combinationally at cycle " + cycle);
        }

        long[] outputs() {
            long[] v = new long[outData.length + 2];
            for (int i = 0; i < outData.length; i++) {
                v[i] = outData[i].get();
            }
            v[outData.length] = outValid.get();
            v[outData.length + 1] = inReady.get();
            return v;
        }
    }

    @Test
    void streamComponentsAgainstAQueueModel() {
        long seed = Seeds.seed("StreamComponentsTest");
        RandomGenerator rnd = new org.apache.commons.math3.random.Well19937c(seed);
        Design d = Design.elaborate(Bench::new);
        assertEquals(List.of(), d.warnings());
        CompiledModel model = Hw.model(d, "stream_bench");
        try (Simulator sim = model.open()) {
            List<Harness> hs = DUTS.stream().map(dut -> new Harness(sim, dut, rnd)).toList();
            sim.reset(2);
            long[] cycle = {0};
            Runnable oneCycle = () -> {
                for (Harness h : hs) {
                    h.drive();
                }
                sim.eval();
                if (cycle[0] % 7 == 0) {
                    for (Harness h : hs) {
                        h.checkRegisteredOutputs(sim, cycle[0]);
                    }
                    // Back to this cycle's inputs.
                    for (Harness h : hs) {
                        h.inValid.set(h.offered == null ? 0 : 1);
                        for (int i = 0; h.offered != null && i < h.inData.length; i++) {
                            h.inData[i].set(h.offered.get(i));
                        }
                        h.outReady.set(h.ready ? 1 : 0);
                    }
                    sim.eval();
                }
                for (Harness h : hs) {
                    h.sample(cycle[0], false);
                }
                sim.step();
                cycle[0]++;
            };

            // Random traffic, the probabilities changing every 200 cycles.
            double[] levels = {0.1, 0.5, 0.9, 1.0};
            for (int block = 0; block < 20; block++) {
                for (Harness h : hs) {
                    h.pValid = levels[rnd.nextInt(levels.length)];
                    h.pReady = levels[rnd.nextInt(levels.length)];
                }
                for (int i = 0; i < 200; i++) {
                    oneCycle.run();
                }
            }
            drain(hs, oneCycle);

            // Capacity: the sink stops, the source keeps offering.
            for (Harness h : hs) {
                h.pValid = 1;
                h.pReady = 0;
                h.sent = 0;
            }
            for (int i = 0; i < 100; i++) {
                oneCycle.run();
            }
            for (Harness h : hs) {
                assertEquals(h.dut.capacity(), h.sent, h.dut.name() + ": words taken while the output stalls");
                assertEquals(0, h.inReady.get(), h.dut.name() + ": full but still ready");
            }
            drain(hs, oneCycle);

            // Throughput: both sides always willing.
            for (Harness h : hs) {
                h.pValid = 1;
                h.pReady = 1;
            }
            int warmup = 20, window = 200;
            for (int i = 0; i < warmup; i++) {
                oneCycle.run();
            }
            for (int i = 0; i < window; i++) {
                for (Harness h : hs) {
                    h.drive();
                }
                sim.eval();
                for (Harness h : hs) {
                    h.sample(cycle[0], true);
                }
                sim.step();
                cycle[0]++;
            }
            for (Harness h : hs) {
                double rate = h.receivedInWindow / (double) window;
                assertEquals(h.dut.throughput(), rate, 0.01, h.dut.name() + ": words per cycle");
            }
            drain(hs, oneCycle);
            for (Harness h : hs) {
                System.out.println("StreamComponentsTest: " + h.dut.name() + " moved " + h.received + " words");
            }
        }
    }

    /** The source stops, the sink takes everything: nothing may be left behind. */
    private static void drain(List<Harness> hs, Runnable oneCycle) {
        for (Harness h : hs) {
            h.pValid = 0;
            h.pReady = 1;
        }
        for (int i = 0; i < 100; i++) {
            oneCycle.run();
        }
        for (Harness h : hs) {
            if (h.offered != null) {
                fail(h.dut.name() + ": a word offered for 100 cycles was never taken");
            }
            assertEquals(0, h.model.size(), h.dut.name() + ": words lost");
            assertEquals(0, h.outValid.get(), h.dut.name() + ": valid with nothing inside");
        }
    }

    @Test
    void deepFifoIsBlockRamAndShallowIsNot() {
        Path deep = Hw.emit(Design.elaborate(() -> Fifo.ofWidth(32, 1024)), "fifo_deep").getFirst();
        Path shallow = Hw.emit(Design.elaborate(() -> Fifo.ofWidth(32, 8)), "fifo_shallow").getFirst();
        Hw.requireTool("yosys", "-V", "deps-synth");
        Hw.Result r = Hw.run(List.of("yosys", "-q", "-p", "read_verilog " + deep
                + "; synth_xilinx -top fifo_deep; select -assert-count 1 t:RAMB36E1; tee -o /dev/stdout stat"));
        assertEquals(0, r.exit(), r.output());
        Hw.Result s = Hw.run(List.of("yosys", "-q", "-p", "read_verilog " + shallow
                + "; synth_xilinx -top fifo_shallow; select -assert-none t:RAMB36E1 t:RAMB18E1; tee -o /dev/stdout stat"));
        assertEquals(0, s.exit(), s.output());
        System.out.println("StreamComponentsTest: 1024x32 FIFO:\n" + cells(r.output()) + "8x32 FIFO:\n" + cells(s.output()));
    }

    private static String cells(String stat) {
        StringBuilder b = new StringBuilder();
        for (String line : stat.lines().toList()) {
            String t = line.strip();
            if (t.matches("\\d+\\s+\\S+.*") || t.matches("(?i)number of cells.*") || t.matches("\\S+\\s+\\d+")) {
                b.append("  ").append(t).append('\n');
            }
        }
        return b.toString();
    }
}
