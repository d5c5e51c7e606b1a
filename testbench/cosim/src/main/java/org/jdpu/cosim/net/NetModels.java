package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Design;
import org.jdpu.io.OutputDirectory;
import org.jdpu.memory.AxiDdr;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Trace;
import org.jdpu.sim.Verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verilated network harnesses ({@link NetHarness}: engine, DDR, checkers), built once per
 * configuration, AXI setting and trace kind for the life of the JVM and cached on disk by the
 * bridge, keyed by the Verilog's content.
 */
public final class NetModels {
    private NetModels() {}

    /** Simulated DDR of every harness. */
    public static final int DDR_BYTES = AxiDdr.DEFAULT_SIZE_BYTES;

    private record Key(DpuConfig config, AxiConfig axi, Trace trace) {}

    private static final Map<Key, CompiledModel> BUILT = new ConcurrentHashMap<>();

    public static CompiledModel compiled(DpuConfig c, AxiConfig a, Trace trace) {
        return BUILT.computeIfAbsent(new Key(c, a, trace), k -> build(k.config(), k.axi(), k.trace()));
    }

    private static CompiledModel build(DpuConfig c, AxiConfig a, Trace trace) {
        Path dir;
        try {
            dir = Files.createTempDirectory("jdpu-net-" + c.fileName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the generated Verilog", e);
        }
        try {
            List<Path> files = Design.elaborate(() -> new NetHarness(c, a, DDR_BYTES)).write(dir, NetHarness.TOP)
                    .files().stream().map(f -> dir.resolve(f.name())).toList();
            return Verilator.build(ModelSpec.of(NetHarness.TOP, files).withTrace(trace)
                    .withOptLevel(ModelSpec.DEFAULT_OPT_LEVEL));
        } finally {
            try {
                OutputDirectory.deleteTree(dir);
            } catch (IOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
