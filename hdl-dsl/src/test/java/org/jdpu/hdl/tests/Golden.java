package org.jdpu.hdl.tests;

import org.jdpu.hdl.emit.VerilogFile;
import org.jdpu.hdl.emit.VerilogOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden-text comparison of emitted Verilog against src/test/resources/golden/&lt;case&gt;/.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files after an intended change
 * (then review the diff).
 */
final class Golden {
    private static final Path DIR = Hw.RESOURCES.resolve("golden");

    private Golden() {}

    static void check(String name, VerilogOutput out) {
        Path dir = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            out.write(dir);
            return;
        }
        for (VerilogFile f : out.files()) {
            Path expected = dir.resolve(f.name());
            assertEquals(read(expected), f.text(), "emitted " + f.name() + " differs from " + expected);
        }
        assertEquals(read(dir.resolve("filelist.f")), out.filelist(), "filelist.f of " + name);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("missing golden file " + p + " (create it with -Dgolden.update=true)", e);
        }
    }
}
