package org.jdpu.rtl;

import org.jdpu.arch.DpuConfig;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.rtl.hw.DpuTop;

import java.nio.file.Path;

/** Elaborates the engine for a configuration and emits its Verilog, top module {@code dpu_top}. */
public final class DpuGenerator {
    private DpuGenerator() {}

    /** Name of the top module in every emitted design. */
    public static final String TOP = "dpu_top";

    public static Design elaborate(DpuConfig c) {
        return Design.elaborate(() -> new DpuTop(c));
    }

    public static VerilogOutput emit(DpuConfig c) {
        return elaborate(c).emit(TOP);
    }

    /** Writes one file per module and {@code filelist.f} into {@code dir}. */
    public static VerilogOutput write(DpuConfig c, Path dir) {
        return elaborate(c).write(dir, TOP);
    }
}
