package org.jdpu.rtl;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.hdl.ir.LocationStyle;
import org.jdpu.rtl.hw.DpuCore;
import org.jdpu.rtl.net.NetTop;

import java.nio.file.Path;

/**
 * Elaborates the engine for a configuration and emits its Verilog: the network engine
 * ({@link NetTop}, top module {@code dpu_top}), the product, or the convolution core alone
 * ({@link DpuCore}, top {@code dpu_core}), the debug interface the single-layer cosimulation drives.
 */
public final class DpuGenerator {
    private DpuGenerator() {}

    /** Name of the top module of every emitted network engine. */
    public static final String TOP = NetTop.MODULE;
    /** Name of the top module of the core on its own. */
    public static final String CORE = DpuCore.MODULE;

    /**
     * The engine's emission options unless a caller asks for others: location comments name the
     * Java file only, as in the checked-in {@code generated/}, so that editing the engine changes
     * those files only where the hardware changes.
     */
    public static final EmitOptions OPTIONS = EmitOptions.locations(LocationStyle.FILE);

    /** The network engine with the default AXI masters ({@link AxiConfig#DEFAULT}). */
    public static Design elaborate(DpuConfig c) {
        return elaborate(c, AxiConfig.DEFAULT);
    }

    public static Design elaborate(DpuConfig c, AxiConfig a) {
        return Design.elaborate(() -> new NetTop(c, a));
    }

    public static VerilogOutput emit(DpuConfig c) {
        return emit(c, OPTIONS);
    }

    public static VerilogOutput emit(DpuConfig c, EmitOptions options) {
        return elaborate(c).emit(TOP, options);
    }

    /** Writes one file per module and {@code filelist.f} of the network engine into {@code dir}. */
    public static VerilogOutput write(DpuConfig c, Path dir) {
        return write(c, dir, OPTIONS);
    }

    public static VerilogOutput write(DpuConfig c, Path dir, EmitOptions options) {
        VerilogOutput out = emit(c, options);
        out.write(dir);
        return out;
    }

    /** The core on its own (top {@code dpu_core}, ports {@link org.jdpu.arch.HostPort}). */
    public static Design elaborateCore(DpuConfig c) {
        return Design.elaborate(() -> new DpuCore(c));
    }

    /** Writes the core's own Verilog (top {@code dpu_core}) and {@code filelist.f} into {@code dir}. */
    public static VerilogOutput writeCore(DpuConfig c, Path dir) {
        VerilogOutput out = elaborateCore(c).emit(CORE, OPTIONS);
        out.write(dir);
        return out;
    }
}
