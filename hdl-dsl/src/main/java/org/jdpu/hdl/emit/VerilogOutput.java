package org.jdpu.hdl.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The emitted design: one file per module in compile order (children first, the top last),
 * plus the external sources black boxes asked for. {@link #filelist()} is the text of
 * {@code filelist.f}: external sources, then the generated files, one per line, relative to the
 * output directory (use {@code verilator -F filelist.f} or run from that directory).
 */
public record VerilogOutput(String top, List<VerilogFile> files, List<String> externalSources) {

    public VerilogOutput {
        files = List.copyOf(files);
        externalSources = List.copyOf(externalSources);
    }

    public String filelist() {
        StringBuilder b = new StringBuilder();
        for (String s : externalSources) {
            b.append(s).append('\n');
        }
        for (VerilogFile f : files) {
            b.append(f.name()).append('\n');
        }
        return b.toString();
    }

    /** The file holding {@code module}, or null. */
    public VerilogFile file(String module) {
        for (VerilogFile f : files) {
            if (f.module().equals(module)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Writes every file and {@code filelist.f} into {@code dir} (created if needed) and returns
     * the paths of the Verilog files in compile order. Each file is written to a temporary name
     * and moved into place, so a failure never leaves a half-written file behind.
     */
    public List<Path> write(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> paths = new ArrayList<>();
            for (VerilogFile f : files) {
                Path p = dir.resolve(f.name());
                writeAtomically(p, f.text());
                paths.add(p);
            }
            writeAtomically(dir.resolve("filelist.f"), filelist());
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Verilog to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
