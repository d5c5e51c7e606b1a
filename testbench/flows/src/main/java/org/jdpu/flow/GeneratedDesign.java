package org.jdpu.flow;

import org.jdpu.io.OutputDirectory;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.ElaborationException;
import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.HostPort;
import org.jdpu.rtl.DpuGenerator;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one configuration's {@code generated/<ARCH>/} directory: the engine's Verilog, its
 * {@code filelist.f} (compile order) and a README with the configuration, ports and register map.
 * The same function serves {@code make verilog}, the drift check and every flow step, so what is
 * checked in is exactly what the flow lints, synthesizes and exports.
 */
public final class GeneratedDesign {
    private GeneratedDesign() {}

    public static final String TOP = DpuGenerator.TOP;
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
        Design design;
        try {
            design = DpuGenerator.elaborate(cfg);
        } catch (ElaborationException e) {
            throw new FlowException("the engine does not elaborate for " + cfg.name() + ": " + e.getMessage(), e);
        }
        checkHostContract(cfg, design.topNetlist());
        try (OutputDirectory out = OutputDirectory.replacing(dir, DesignSources.FILELIST)) {
            design.emit(TOP, options).write(out.staging());
            DesignSources staged = DesignSources.fromDirectory(out.staging(), TOP);
            Files.writeString(out.staging().resolve(README), DesignReadme.render(cfg, staged));
            out.commit();
        } catch (IOException e) {
            throw new FlowException("cannot write " + dir + ": " + IoErrors.describe(e), e);
        }
        return DesignSources.fromDirectory(dir, TOP);
    }

    /**
     * The emitted top must have exactly the ports {@link HostPort} describes, after clock and reset:
     * the driver, the export testbench and the READMEs rely on that list, not on the netlist.
     */
    static void checkHostContract(DpuConfig cfg, ModuleDef top) {
        List<String> want = new ArrayList<>(List.of("clk input 1", "rst input 1"));
        for (HostPort p : HostPort.values()) {
            want.add(p.portName() + (p.direction() == HostPort.Direction.OUT ? " output " : " input ") + p.width(cfg));
        }
        List<String> got = new ArrayList<>();
        for (int i : top.allPorts()) {
            Node n = top.node(i);
            got.add(top.name(i) + (n instanceof Node.Output ? " output " : " input ") + n.ty().width());
        }
        if (!got.equals(want)) {
            throw new FlowException("dpu_top's ports for " + cfg.name() + " differ from the host contract (HostPort): "
                    + got + " instead of " + want);
        }
    }
}
