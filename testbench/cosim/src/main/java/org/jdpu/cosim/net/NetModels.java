package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Design;
import org.jdpu.cosim.TemporaryVerilog;
import org.jdpu.memory.AxiDdr;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Trace;

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
        return TemporaryVerilog.build("net-" + c.fileName(), NetHarness.TOP,
                dir -> Design.elaborate(() -> new NetHarness(c, a, DDR_BYTES)).write(dir, NetHarness.TOP), trace,
                ModelSpec.DEFAULT_OPT_LEVEL);
    }
}
