package org.jdpu.bench;

import org.jdpu.flow.OutputDirectory;
import org.jdpu.sim.Batch;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.jdpu.sim.Verilator;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * Cost of driving a Verilated model from Java. One workload — 64 lanes of signed 8x8
 * multiply-accumulate with two 512-bit inputs and a 2048-bit output, fresh pseudo-random inputs
 * every cycle, every output read every cycle — is run three ways on the same compiled model: a
 * plain C++ main, Java one cycle at a time (set, step, get), and Java through the batch call.
 * Runs alternate, the figures are medians, and all three must produce the same checksum.
 */
public final class BridgeBench implements Benchmark {
    static final long SEED = 0x9E3779B97F4A7C15L;
    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;
    static final int BATCH_CAPACITY = 256;

    private final long cycles;
    private final int runs;

    public BridgeBench() {
        this(Long.getLong("jdpu.bench.bridge.cycles", 1_000_000), Integer.getInteger("jdpu.bench.bridge.runs", 7));
    }

    BridgeBench(long cycles, int runs) {
        this.cycles = cycles;
        this.runs = runs;
    }

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        Path work = Files.createTempDirectory("jdpu-bridge-bench");
        try {
            Path verilog = resource("mac_array.v", work);
            Path main = resource("mac_array_main.cpp", work);
            CompiledModel model = Verilator.build(ModelSpec.of("mac_array", verilog).withOptLevel(2));
            Path exe = model.buildExecutable(main, work.resolve("mac_array_native"));
            report.note("bridge: mac_array (64 signed 8x8 MAC lanes, 2x512-bit in, 2048+32-bit out), "
                    + cycles + " cycles per run, " + runs + " alternating runs, model -O2, " + model.verilatorVersion());

            for (int w = 0; w < 3; w++) { // JIT warm-up of both Java paths
                try (Simulator sim = model.open()) {
                    perCycle(sim, cycles / 10);
                    batched(sim, cycles / 10);
                }
            }
            long[] nat = new long[runs], per = new long[runs], bat = new long[runs];
        long[] natCpu = new long[runs], perCpu = new long[runs], batCpu = new long[runs];
            for (int r = 0; r < runs; r++) {
                Result n = nativeRun(exe);
                Result p, b;
                try (Simulator sim = model.open()) {
                    p = perCycle(sim, cycles);
                }
                try (Simulator sim = model.open()) {
                    b = batched(sim, cycles);
                }
                if (n.checksum != p.checksum || n.checksum != b.checksum) {
                    throw new IllegalStateException("the three runs disagree: checksums native "
                            + Long.toUnsignedString(n.checksum) + ", per-cycle " + Long.toUnsignedString(p.checksum)
                            + ", batch " + Long.toUnsignedString(b.checksum));
                }
                nat[r] = n.nanos;
                per[r] = p.nanos;
                bat[r] = b.nanos;
                natCpu[r] = n.cpuNanos;
                perCpu[r] = p.cpuNanos;
                batCpu[r] = b.cpuNanos;
            }
            double mn = BenchReport.median(nat), mp = BenchReport.median(per), mb = BenchReport.median(bat);
            report.figure("bridge.per_cycle_vs_native", mp / mn, "x");
            report.figure("bridge.batch_vs_native", mb / mn, "x");
            report.figure("bridge.native_cycles_per_s", Math.round(cycles / (mn / 1e9)), "cycles/s");
            report.figure("bridge.per_cycle_cycles_per_s", Math.round(cycles / (mp / 1e9)), "cycles/s");
            report.figure("bridge.batch_cycles_per_s", Math.round(cycles / (mb / 1e9)), "cycles/s");
            // CPU time of the driving thread: the same comparison, less sensitive to other load on the machine
            double cn = BenchReport.median(natCpu);
            report.figure("bridge.per_cycle_vs_native_cpu", BenchReport.median(perCpu) / cn, "x");
            report.figure("bridge.batch_vs_native_cpu", BenchReport.median(batCpu) / cn, "x");
        } finally {
            OutputDirectory.deleteTree(work);
        }
    }

    /** Checksum of the outputs, wall-clock and thread CPU nanoseconds of the cycle loop. */
    record Result(long checksum, long nanos, long cpuNanos) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Java, one cycle at a time: set both inputs, one rising edge, read both outputs. */
    static Result perCycle(Simulator sim, long cycles) {
        Port a = sim.port("a"), b = sim.port("b"), acc = sim.port("acc"), dot = sim.port("dot");
        long[] la = new long[8], lb = new long[8], lacc = new long[32];
        sim.reset(1);
        long x = SEED, h = FNV_OFFSET;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (long c = 0; c < cycles; c++) {
            for (int j = 0; j < 8; j++) la[j] = x = xorshift(x);
            for (int j = 0; j < 8; j++) lb[j] = x = xorshift(x);
            a.setLongs(la);
            b.setLongs(lb);
            sim.step();
            h = (h ^ dot.get()) * FNV_PRIME;
            acc.getLongs(lacc);
            for (int j = 0; j < 32; j++) h = (h ^ lacc[j]) * FNV_PRIME;
        }
        long t1 = System.nanoTime();
        return new Result(h, t1 - t0, THREADS.getCurrentThreadCpuTime() - cpu0);
    }

    /**
     * Java through the batch call: generate the inputs straight into the batch's input rows, run
     * them natively, and hash the output rows in place (the shim's copy out of the model's port
     * storage is the only copy, as in the C++ main).
     */
    static Result batched(Simulator sim, long cycles) {
        Port a = sim.port("a"), b = sim.port("b"), acc = sim.port("acc"), dot = sim.port("dot");
        sim.reset(1);
        long x = SEED, h = FNV_OFFSET;
        try (Batch batch = sim.batch(BATCH_CAPACITY, List.of(a, b), List.of(acc, dot))) {
            MemorySegment in = batch.inputRows();
            long inStride = batch.inputStride(), aAt = batch.inputOffset(a), bAt = batch.inputOffset(b);
            MemorySegment out = batch.outputRows();
            long outStride = batch.outputStride(), accAt = batch.outputOffset(acc), dotAt = batch.outputOffset(dot);
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (long done = 0; done < cycles; ) {
                int n = (int) Math.min(BATCH_CAPACITY, cycles - done);
                x = fillRows(in, inStride, aAt, bAt, n, x);
                batch.run(n);
                h = hashRows(out, outStride, accAt, dotAt, n, h);
                done += n;
            }
            long t1 = System.nanoTime();
            return new Result(h, t1 - t0, THREADS.getCurrentThreadCpuTime() - cpu0);
        }
    }

    // The batch loop's work lives in small methods so the JIT compiles them whole rather than as
    // one on-stack-replaced loop nest, which keeps run-to-run timings steady.

    private static long fillRows(MemorySegment in, long stride, long aAt, long bAt, int n, long x) {
        for (int c = 0; c < n; c++) {
            long row = c * stride;
            for (int j = 0; j < 8; j++) in.set(JAVA_LONG_UNALIGNED, row + aAt + 8 * j, x = xorshift(x));
            for (int j = 0; j < 8; j++) in.set(JAVA_LONG_UNALIGNED, row + bAt + 8 * j, x = xorshift(x));
        }
        return x;
    }

    /** Hashes the output rows where the batch left them: dot sign-extended, then acc's 32 longs. */
    private static long hashRows(MemorySegment out, long stride, long accAt, long dotAt, int n, long h) {
        for (int c = 0; c < n; c++) {
            long row = c * stride;
            h = (h ^ out.get(JAVA_INT_UNALIGNED, row + dotAt)) * FNV_PRIME;
            for (int j = 0; j < 32; j++) h = (h ^ out.get(JAVA_LONG_UNALIGNED, row + accAt + 8 * j)) * FNV_PRIME;
        }
        return h;
    }

    private Result nativeRun(Path exe) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(exe.toString(), Long.toString(cycles)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) throw new IllegalStateException("native benchmark failed: " + out);
        String[] f = out.split("\\s+");
        if (f.length != 4 || Long.parseLong(f[0]) != cycles) throw new IllegalStateException("native benchmark printed: " + out);
        return new Result(Long.parseUnsignedLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }

    static long xorshift(long x) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return x;
    }

    private static Path resource(String name, Path dir) throws IOException {
        try (InputStream in = BridgeBench.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) throw new IOException("resource bench/" + name + " missing from the jar");
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
