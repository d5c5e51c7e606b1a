package org.jdpu.cli;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.sim.Batch;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.jdpu.sim.Trace;
import org.jdpu.sim.Verilator;
import org.jdpu.sim.VerilatorException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dpu demo}: verilates a 64-lane signed INT8 multiply-accumulate array, drives it from
 * Java through the bridge (first cycle by cycle, then through the batch call) with seeded random
 * operands, and checks every output of every cycle against values computed in Java.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Verilate a 64-lane signed 8x8 multiply-accumulate array, drive it from Java and check "
                + "every output of every cycle against a Java model."})
public final class DemoCommand implements Runnable {
    private static final int LANES = 64;

    @Option(names = "--cycles", paramLabel = "N", description = "clock cycles to simulate (default: ${DEFAULT-VALUE})")
    long cycles = 200_000;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the random operands (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--vcd", paramLabel = "FILE",
            description = "also write a VCD waveform of the run (about 2 KB per cycle: use a small --cycles)")
    Path vcd;

    @Override
    public void run() {
        if (cycles < 2) throw new UserError("--cycles must be at least 2, got " + cycles);
        try {
            Path dir = Files.createTempDirectory("jdpu-demo");
            try {
                demo(extract(dir));
            } finally {
                Files.deleteIfExists(dir.resolve("mac_array.v"));
                Files.deleteIfExists(dir);
            }
        } catch (VerilatorException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("demo failed: " + e.getMessage(), e);
        }
    }

    private void demo(Path verilog) {
        System.out.println("jdpu demo: 64-lane signed INT8 multiply-accumulate array (bench/mac_array.v)");
        long t0 = System.nanoTime();
        ModelSpec spec = ModelSpec.of("mac_array", verilog).withOptLevel(2).withTrace(vcd == null ? Trace.NONE : Trace.VCD);
        CompiledModel model = Verilator.build(spec);
        System.out.printf("  verilated with %s in %.2f s (%s, cache %s)%n", model.verilatorVersion(),
                (System.nanoTime() - t0) / 1e9, model.fromCache() ? "cache hit" : "built now", Verilator.defaultCacheRoot());
        System.out.println("  ports: " + model.ports());

        Reference ref = new Reference();
        RandomGenerator rnd = new Well19937c(seed);
        long half = cycles / 2;
        long tPer, tBatch;
        try (Simulator sim = vcd == null ? model.open() : model.open(vcd)) {
            Port a = sim.port("a"), b = sim.port("b"), acc = sim.port("acc"), dot = sim.port("dot");
            sim.reset(2);
            ref.check(sim.cycle(), dot.get(), acc.getWords());

            long[] la = new long[8], lb = new long[8];
            int[] words = new int[LANES];
            long s0 = System.nanoTime();
            for (long c = 0; c < half; c++) {
                operands(rnd, la, lb);
                a.setLongs(la);
                b.setLongs(lb);
                sim.step();
                ref.clock(la, lb);
                acc.getWords(words);
                ref.check(sim.cycle(), dot.get(), words);
            }
            tPer = System.nanoTime() - s0;

            long s1 = System.nanoTime();
            long remaining = cycles - half;
            try (Batch batch = sim.batch(1024, List.of(a, b), List.of(acc, dot))) {
                long[][] ra = new long[batch.capacity()][8], rb = new long[batch.capacity()][8];
                while (remaining > 0) {
                    int n = (int) Math.min(batch.capacity(), remaining);
                    for (int c = 0; c < n; c++) {
                        operands(rnd, ra[c], rb[c]);
                        batch.setLongs(c, a, ra[c]);
                        batch.setLongs(c, b, rb[c]);
                    }
                    long before = sim.cycle();
                    batch.run(n);
                    for (int c = 0; c < n; c++) {
                        ref.clock(ra[c], rb[c]);
                        batch.getWords(c, acc, words);
                        ref.check(before + c + 1, batch.get(c, dot), words);
                    }
                    remaining -= n;
                }
            }
            tBatch = System.nanoTime() - s1;
        }
        System.out.printf("  simulated %d cycles: %d one at a time from Java (%.2f M cycles/s), %d through the batch "
                        + "call (%.2f M cycles/s)%n", cycles, half, half / (tPer / 1e3), cycles - half,
                (cycles - half) / (tBatch / 1e3));
        System.out.printf("  checked %d outputs (64 accumulators + the dot product, every cycle) against the Java "
                + "model: all equal%n", ref.checked);
        if (vcd != null) System.out.println("  waveform: " + vcd.toAbsolutePath());
    }

    /** Random signed bytes for all lanes, packed 8 per long (lane 0 in the low byte). */
    private static void operands(RandomGenerator rnd, long[] a, long[] b) {
        for (int j = 0; j < 8; j++) {
            a[j] = rnd.nextLong();
            b[j] = rnd.nextLong();
        }
    }

    /** What the array must do, computed in Java: 32-bit wrapping accumulators and a registered dot product. */
    private static final class Reference {
        final int[] acc = new int[LANES];
        int dot;
        long checked;

        void clock(long[] a, long[] b) {
            int sum = 0;
            for (int lane = 0; lane < LANES; lane++) {
                int x = (byte) (a[lane / 8] >>> (8 * (lane % 8)));
                int y = (byte) (b[lane / 8] >>> (8 * (lane % 8)));
                acc[lane] += x * y;
                sum += x * y;
            }
            dot = sum;
        }

        void check(long cycle, long rtlDot, int[] rtlAcc) {
            if (rtlDot != dot) {
                throw new UserError("MISMATCH at cycle " + cycle + ": dot is " + rtlDot + " in the RTL, " + dot + " in Java");
            }
            for (int lane = 0; lane < LANES; lane++) {
                if (rtlAcc[lane] != acc[lane]) {
                    throw new UserError("MISMATCH at cycle " + cycle + ": acc of lane " + lane + " is " + rtlAcc[lane]
                            + " in the RTL, " + acc[lane] + " in Java");
                }
            }
            checked += LANES + 1;
        }
    }

    private static Path extract(Path dir) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/bench/mac_array.v")) {
            if (in == null) throw new IOException("resource bench/mac_array.v missing from the jar");
            Path p = dir.resolve("mac_array.v");
            Files.copy(in, p);
            return p;
        }
    }
}
