package org.jdpu.rtl;

import org.jdpu.arch.DpuConfig;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.hdl.ir.LocationStyle;
import org.jdpu.rtl.hw.DpuTop;

import java.nio.file.Path;

/** Elaborates the engine for a configuration and emits its Verilog, top module {@code dpu_top}. */
public final class DpuGenerator {
    private DpuGenerator() {}

    /** Name of the top module in every emitted design. */
    public static final String TOP = "dpu_top";

    /**
     * The engine's emission options unless a caller asks for others: location comments name the
     * Java file only, as in the checked-in {@code generated/}, so that editing the engine changes
     * those files only where the hardware changes.
     */
    public static final EmitOptions OPTIONS = EmitOptions.locations(LocationStyle.FILE);

    public static Design elaborate(DpuConfig c) {
        return Design.elaborate(() -> new DpuTop(c));
    }

    public static VerilogOutput emit(DpuConfig c) {
        return emit(c, OPTIONS);
    }

    public static VerilogOutput emit(DpuConfig c, EmitOptions options) {
        return elaborate(c).emit(TOP, options);
    }

    /** Writes one file per module and {@code filelist.f} into {@code dir}. */
    public static VerilogOutput write(DpuConfig c, Path dir) {
        return write(c, dir, OPTIONS);
    }

    public static VerilogOutput write(DpuConfig c, Path dir, EmitOptions options) {
        VerilogOutput out = emit(c, options);
        out.write(dir);
        return out;
    }
}
