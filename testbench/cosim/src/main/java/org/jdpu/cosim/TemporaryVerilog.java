package org.jdpu.cosim;

import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.io.OutputDirectory;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Trace;
import org.jdpu.sim.Verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Verilates a design whose Verilog is written only for the build: into a temporary directory that
 * is removed afterwards (the model cache keys the model by the Verilog's content, so nothing else
 * needs the files).
 */
public final class TemporaryVerilog {
    private TemporaryVerilog() {}

    /**
     * @param name  part of the temporary directory's name
     * @param top   the top module
     * @param write writes the design into the directory it is given
     */
    public static CompiledModel build(String name, String top, Function<Path, VerilogOutput> write, Trace trace,
                                      int optLevel) {
        Path dir;
        try {
            dir = Files.createTempDirectory("jdpu-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the generated Verilog", e);
        }
        try {
            List<Path> files = write.apply(dir).files().stream().map(f -> dir.resolve(f.name())).toList();
            return Verilator.build(ModelSpec.of(top, files).withTrace(trace).withOptLevel(optLevel));
        } finally {
            try {
                OutputDirectory.deleteTree(dir);
            } catch (IOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
