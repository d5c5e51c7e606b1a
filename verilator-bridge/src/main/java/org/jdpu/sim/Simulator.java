package org.jdpu.sim;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One running instance of a Verilated model. Port handles come from {@link #port(String)};
 * {@link #eval()} settles combinational logic, {@link #step()} makes one rising edge of the
 * {@code clk} input, {@link #batch} runs many cycles on the native side from buffers. A waveform,
 * when {@link WaveOptions} ask for one, shows a real clock period; the design's {@code $time}
 * follows the same clock (300 MHz without a waveform).
 *
 * <p>Not thread-safe: drive a simulator from one thread at a time. Close it (try-with-resources)
 * to finish the model, flush the waveform and free native memory; any use after that is an
 * {@link IllegalStateException}. A {@code $stop}, {@code $fatal} or internal Verilator error
 * during a call is a {@link VerilatorException} naming the source line, and the simulator then
 * refuses further evaluation.
 */
public final class Simulator implements AutoCloseable {
    /** Edges up to this count use the lighter critical downcall; longer runs let the JVM reach safepoints. */
    private static final long CRITICAL_EDGES = 16;

    private final CompiledModel model;
    private final ModelLibrary lib;
    private final Arena arena;
    private final MemorySegment handle;
    private final MemorySegment cycles;
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final Port clk, rst;
    /** The reset of the 2x clock's domain, held together with {@code rst} by {@link #reset}; null if absent. */
    private final Port rst2x;
    private final WaveOptions wave;
    private final List<Batch> batches = new ArrayList<>();
    /** Removes an unfinished waveform if the JVM shuts down before {@link #close()}; null without one. */
    private final Cleanup.Registration unfinishedWave;
    private boolean closed;
    private String stoppedBy;

    Simulator(CompiledModel model, ModelLibrary lib, WaveOptions wave) {
        this.model = model;
        this.lib = lib;
        this.wave = wave;
        this.arena = Arena.ofShared();
        this.unfinishedWave = wave == null ? null : Cleanup.register(() -> deleteWaveform(wave.path()));
        MemorySegment h = MemorySegment.NULL;
        try {
            MemorySegment path = MemorySegment.NULL, scope = MemorySegment.NULL;
            long period = WaveOptions.periodPs(WaveOptions.DEFAULT_CLOCK_MHZ), from = 0, to = Long.MAX_VALUE;
            if (wave != null) {
                path = arena.allocateFrom(wave.path().toAbsolutePath().toString());
                if (wave.traceScope() != null) scope = arena.allocateFrom(wave.traceScope());
                period = wave.periodPs();
                from = wave.fromCycle();
                to = wave.toCycle();
            }
            h = ShimCalls.create(lib.create, path, scope, period, period / 2, from, to);
            if (h.equals(MemorySegment.NULL)) {
                String why = ShimCalls.string(ShimCalls.pointer(lib.createError));
                throw new VerilatorException("cannot create a simulator of " + model.top()
                        + (why.isEmpty() ? "" : ": " + why));
            }
            this.handle = h;
            List<PortInfo> infos = model.ports();
            int n = infos.size();
            MemorySegment addrs = arena.allocate(ADDRESS, Math.max(1, n));
            MemorySegment sizes = arena.allocate(JAVA_INT, Math.max(1, n));
            ShimCalls.ports(lib.ports, h, addrs, sizes);
            List<Integer> expected = model.storageSizes();
            for (int i = 0; i < n; i++) {
                PortInfo pi = infos.get(i);
                int size = sizes.getAtIndex(JAVA_INT, i);
                if (size != expected.get(i)) {
                    throw new VerilatorException("port '" + pi.name() + "' of " + model.top() + " has " + size
                            + " bytes of storage, expected " + expected.get(i) + " (stale cache entry "
                            + model.directory() + "? delete it to rebuild)");
                }
                MemorySegment storage = addrs.getAtIndex(ADDRESS, i).reinterpret(size, arena, null);
                ports.put(pi.name(), new Port(this, pi, storage));
            }
            MemorySegment counter = ShimCalls.pointer(lib.cycleCounter, h);
            this.cycles = counter.reinterpret(8, arena, null);
            this.clk = infos.stream().anyMatch(ModelBuilder::isClock) ? ports.get("clk") : null;
            Port r = ports.get("rst");
            this.rst = r != null && r.direction() == Direction.INPUT ? r : null;
            Port r2 = ports.get("rst2x");
            this.rst2x = r2 != null && r2.direction() == Direction.INPUT && r2.width() == 1 ? r2 : null;
        } catch (RuntimeException | Error e) {
            if (unfinishedWave != null) unfinishedWave.close();
            arena.close();
            if (!h.equals(MemorySegment.NULL)) ShimCalls.run(lib.destroy, h);
            throw e;
        }
    }

    /** The port called {@code name}; unknown names are a {@link VerilatorException} listing the real ones. */
    public Port port(String name) {
        ensureOpen();
        Port p = ports.get(name);
        if (p == null) {
            throw new VerilatorException("no port '" + name + "' in " + model.top() + "; its ports are: "
                    + String.join(", ", ports.keySet()));
        }
        return p;
    }

    /** All ports, in declaration order. */
    public List<Port> ports() {
        ensureOpen();
        return List.copyOf(ports.values());
    }

    public CompiledModel model() {
        return model;
    }

    String top() {
        return model.top();
    }

    /** Settles combinational logic after inputs changed. */
    public void eval() {
        ensureRunning();
        if (ShimCalls.statusCritical(lib.eval, handle) != 0) throw stopped();
    }

    /** One rising edge of {@code clk}: clk=0, eval, clk=1, eval. */
    public void step() {
        ensureClocked();
        if (ShimCalls.countCritical(lib.step, handle, 1L) != 0) throw stopped();
    }

    /** {@code n} rising edges of {@code clk}, all on the native side. */
    public void step(long n) {
        if (n < 0) throw new IllegalArgumentException("cannot step " + n + " cycles");
        ensureClocked();
        int rc = n <= CRITICAL_EDGES ? ShimCalls.countCritical(lib.step, handle, n) : ShimCalls.count(lib.step, handle, n);
        if (rc != 0) throw stopped();
    }

    /** Holds {@code rst} and {@code rst2x} (those the model has) high for {@code cycles} rising edges of {@code clk}, then low (and settles the result). */
    public void reset(int cycles) {
        ensureClocked();
        if (rst == null && rst2x == null) {
            throw new VerilatorException("model " + model.top() + " has no 1-bit input 'rst' to reset; its ports are: "
                    + String.join(", ", ports.keySet()));
        }
        for (Port r : resets()) r.set(1);
        step(cycles);
        for (Port r : resets()) r.set(0);
        eval();
    }

    private List<Port> resets() {
        return java.util.stream.Stream.of(rst, rst2x).filter(java.util.Objects::nonNull).toList();
    }

    /** Rising edges of {@code clk} so far (through step, reset or batches). */
    public long cycle() {
        ensureOpen();
        return cycles.get(JAVA_LONG, 0);
    }

    /** Whether the design executed {@code $finish}. */
    public boolean finished() {
        ensureOpen();
        return ShimCalls.status(lib.finished, handle) != 0;
    }

    /** Writes buffered waveform data (and the model's $display output) out now. */
    public void flush() {
        ensureOpen();
        ShimCalls.run(lib.flush, handle);
    }

    /** The waveform file this simulator writes, or null. */
    public Path waveform() {
        return wave == null ? null : wave.path();
    }

    /** How this simulator writes its waveform, or null without one. */
    public WaveOptions waveOptions() {
        return wave;
    }

    /**
     * A batch whose input and output rows together take at most {@link Batch#CACHE_BUDGET} bytes
     * (at least one row): rows Java writes, the native loop reads and writes, and Java reads again
     * then stay in the L1 data cache. A larger batch saves downcalls (one per run) but lets its
     * rows spill out of L1, so every cycle pays cache misses on both sides.
     */
    public Batch batch(List<Port> inputs, List<Port> outputs) {
        return batch(Batch.cacheFriendlyCapacity(inputs, outputs), inputs, outputs);
    }

    /**
     * A buffer-driven run of up to {@code capacity} cycles per {@link Batch#run(int)}: per cycle,
     * the values of {@code inputs} are taken from the batch's input rows, one rising edge is made,
     * and the values of {@code outputs} are captured into its output rows.
     */
    public Batch batch(int capacity, List<Port> inputs, List<Port> outputs) {
        ensureClocked();
        for (Port p : inputs) {
            checkOwn(p);
            if (p.direction() == Direction.OUTPUT) {
                throw new IllegalArgumentException("port '" + p.name() + "' is an output; it cannot drive a batch");
            }
        }
        for (Port p : outputs) checkOwn(p);
        Batch b = new Batch(this, capacity, new ArrayList<>(inputs), new ArrayList<>(outputs));
        batches.removeIf(Batch::isClosed);
        batches.add(b);
        return b;
    }

    int runBatch(long n, int nin, MemorySegment inAddr, MemorySegment inSize, MemorySegment inBuf, long inStride,
                 int nout, MemorySegment outAddr, MemorySegment outSize, MemorySegment outBuf, long outStride) {
        ensureClocked();
        int rc = ShimCalls.batch(lib.batch, handle, n, nin, inAddr, inSize, inBuf, inStride,
                nout, outAddr, outSize, outBuf, outStride);
        if (rc != 0) throw stopped();
        return rc;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Batch b : batches) b.close();
        arena.close();
        if (unfinishedWave == null) {
            ShimCalls.run(lib.destroy, handle);
        } else {
            // closing completes the file; a shutdown that deleted it first leaves the model to the exiting process
            unfinishedWave.finish(() -> ShimCalls.run(lib.destroy, handle));
        }
    }

    /** Deletes a waveform and the {@code .hier} side file an FST writer keeps until it closes. */
    private static void deleteWaveform(Path file) {
        Path abs = file.toAbsolutePath();
        for (Path p : List.of(abs, abs.resolveSibling(abs.getFileName() + ".hier"))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort while the JVM exits
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOwn(Port p) {
        if (p.simulator() != this) {
            throw new IllegalArgumentException("port '" + p.name() + "' belongs to another simulator");
        }
    }

    void ensureOpen() {
        if (closed) throw new IllegalStateException("the simulator of " + model.top() + " is closed");
    }

    private void ensureRunning() {
        ensureOpen();
        if (stoppedBy != null) {
            throw new IllegalStateException("the simulation of " + model.top() + " stopped earlier: " + stoppedBy);
        }
    }

    private void ensureClocked() {
        ensureRunning();
        if (clk == null) {
            throw new VerilatorException("model " + model.top() + " has no 1-bit input 'clk' to step; its ports are: "
                    + String.join(", ", ports.keySet()));
        }
    }

    /** The exception for a port access that failed because this simulator is closed. */
    RuntimeException closedError(IllegalStateException cause) {
        if (!closed) return cause;
        return new IllegalStateException("the simulator of " + model.top() + " is closed", cause);
    }

    private VerilatorException stopped() {
        String why = ShimCalls.string(ShimCalls.pointer(lib.error, handle));
        stoppedBy = why;
        return new VerilatorException("the simulation of " + model.top() + " stopped at cycle "
                + cycles.get(JAVA_LONG, 0) + ": " + why);
    }
}
