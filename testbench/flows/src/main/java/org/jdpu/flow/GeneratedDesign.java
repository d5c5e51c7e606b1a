package org.jdpu.flow;

import org.jdpu.io.OutputDirectory;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.ElaborationException;
import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.HostPort;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.TopInterface;
import org.jdpu.rtl.DpuGenerator;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes one configuration's {@code generated/<ARCH>/} directory: the network engine's Verilog
 * (top {@code dpu_top}), its {@code filelist.f} (compile order) and a README with the
 * configuration, ports and register maps. The same function serves {@code make verilog}, the
 * drift check and every flow step, so what is checked in is exactly what the flow lints,
 * synthesizes and exports. {@link #writeCore} writes the convolution core on its own (top
 * {@code dpu_core}), the debug interface the single-layer cosimulation drives.
 */
public final class GeneratedDesign {
    private GeneratedDesign() {}

    public static final String TOP = DpuGenerator.TOP;
    public static final String CORE = DpuGenerator.CORE;
    public static final String README = "README.md";

    /**
     * Writes {@code dir} all-or-nothing (replacing an earlier generation, never an unrelated
     * directory) and returns its sources.
     */
    public static DesignSources write(DpuConfig cfg, Path dir) {
        return write(cfg, dir, DpuGenerator.OPTIONS);
    }

    /** As {@link #write}, emitted with {@code options} (e.g. full {@code File.java:line} locations). */
    public static DesignSources write(DpuConfig cfg, Path dir, EmitOptions options) {
        AxiConfig axi = AxiConfig.DEFAULT;
        Design design = elaborate(cfg, () -> DpuGenerator.elaborate(cfg, axi));
        checkTopInterface(cfg, axi, design.topNetlist());
        return emit(design, TOP, dir, options, staged -> DesignReadme.render(cfg, axi, staged));
    }

    /** The core alone, top {@code dpu_core}, with the ports of {@link HostPort}. */
    public static DesignSources writeCore(DpuConfig cfg, Path dir) {
        Design design = elaborate(cfg, () -> DpuGenerator.elaborateCore(cfg));
        checkHostContract(cfg, design.topNetlist());
        return emit(design, CORE, dir, DpuGenerator.OPTIONS, staged -> DesignReadme.renderCore(cfg, staged));
    }

    private static Design elaborate(DpuConfig cfg, Supplier<Design> elaboration) {
        try {
            return elaboration.get();
        } catch (ElaborationException e) {
            throw new FlowException("the engine does not elaborate for " + cfg.name() + ": " + e.getMessage(), e);
        }
    }

    private static DesignSources emit(Design design, String top, Path dir, EmitOptions options,
                                      java.util.function.Function<DesignSources, String> readme) {
        try (OutputDirectory out = OutputDirectory.replacing(dir, DesignSources.FILELIST)) {
            design.emit(top, options).write(out.staging());
            DesignSources staged = DesignSources.fromDirectory(out.staging(), top);
            Files.writeString(out.staging().resolve(README), readme.apply(staged));
            out.commit();
        } catch (IOException e) {
            throw new FlowException("cannot write " + dir + ": " + IoErrors.describe(e), e);
        }
        return DesignSources.fromDirectory(dir, top);
    }

    /**
     * The emitted {@code dpu_top} must have exactly the ports of the network engine's interface
     * ({@link EnginePorts}: clock, reset, AXI4-Lite control, the two AXI4 masters, the interrupt):
     * the block-design scripts, the export testbench and the READMEs rely on that list.
     */
    static void checkTopInterface(DpuConfig cfg, AxiConfig axi, ModuleDef top) {
        List<String> want = EnginePorts.all(axi, cfg.doubleRate()).stream().map(EnginePorts.Port::describe).toList();
        List<String> got = ports(top);
        if (!got.equals(want)) {
            throw new FlowException(TOP + "'s ports for " + cfg.name() + " differ from the network engine's interface "
                    + "(TopInterface, AxiConfig): " + got + " instead of " + want);
        }
    }

    /**
     * The emitted core must have exactly the ports {@link HostPort} describes, after clock and reset:
     * the single-layer driver and the core's README rely on that list, not on the netlist.
     */
    static void checkHostContract(DpuConfig cfg, ModuleDef core) {
        List<String> want = new ArrayList<>(List.of("clk input 1", "rst input 1"));
        if (cfg.doubleRate()) want.add(TopInterface.CLOCK_2X + " input 1");
        for (HostPort p : HostPort.values()) {
            want.add(p.portName() + (p.direction() == HostPort.Direction.OUT ? " output " : " input ") + p.width(cfg));
        }
        List<String> got = ports(core);
        if (!got.equals(want)) {
            throw new FlowException(CORE + "'s ports for " + cfg.name() + " differ from the core's host contract (HostPort): "
                    + got + " instead of " + want);
        }
    }

    private static List<String> ports(ModuleDef m) {
        return portsOf(m).stream().map(EnginePorts.Port::describe).toList();
    }

    /** The ports of an elaborated module in declaration order. */
    public static List<EnginePorts.Port> portsOf(ModuleDef m) {
        List<EnginePorts.Port> got = new ArrayList<>();
        for (int i : m.allPorts()) {
            Node n = m.node(i);
            got.add(new EnginePorts.Port(m.name(i), n instanceof Node.Output, n.ty().width()));
        }
        return got;
    }
}
