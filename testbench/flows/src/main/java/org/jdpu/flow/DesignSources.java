package org.jdpu.flow;

import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Verilog files of one design in compile order, as listed by its {@code filelist.f}, and the
 * name of its top module. Every flow step (lint, synthesis, export, testbench) reads a design
 * through this record, so they all agree on what the design is.
 */
public record DesignSources(String top, Path filelist, List<Path> files) {

    public static final String FILELIST = "filelist.f";

    public DesignSources {
        files = List.copyOf(files);
    }

    /** Reads {@code DIR/filelist.f} (see {@link #fromFilelist}). */
    public static DesignSources fromDirectory(Path dir, String top) {
        Path list = dir.resolve(FILELIST);
        if (!Files.isRegularFile(list)) {
            throw new FlowException(dir + " holds no " + FILELIST + " (expected the Verilog of a design, e.g. generated/B512)");
        }
        return fromFilelist(list, top);
    }

    /**
     * Reads a file list: one Verilog file per line, relative to the list's directory or absolute;
     * blank lines and lines starting with {@code //} or {@code #} are ignored. Tool options
     * ({@code -}/{@code +} lines) are rejected because Yosys and Vivado would not understand them.
     */
    public static DesignSources fromFilelist(Path filelist, String top) {
        List<String> lines;
        try {
            lines = Files.readAllLines(filelist);
        } catch (IOException e) {
            throw new FlowException("cannot read " + filelist + ": " + IoErrors.describe(e), e);
        }
        Path base = filelist.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("//") || line.startsWith("#")) continue;
            if (line.startsWith("-") || line.startsWith("+")) {
                throw new FlowException(filelist + ":" + (i + 1) + ": tool options are not supported in a file list: " + line);
            }
            Path f = base.resolve(line).normalize();
            if (!Files.isRegularFile(f)) {
                throw new FlowException(filelist + ":" + (i + 1) + ": listed file does not exist: " + line);
            }
            files.add(f);
        }
        if (files.isEmpty()) throw new FlowException(filelist + " lists no Verilog files");
        return new DesignSources(top, filelist.toAbsolutePath(), files);
    }

    /** The directory that holds the file list. */
    public Path directory() {
        return filelist.getParent();
    }
}
