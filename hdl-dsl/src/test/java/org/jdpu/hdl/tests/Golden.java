package org.jdpu.hdl.tests;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.emit.VerilogFile;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.hdl.ir.LocationStyle;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.NetlistText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden-text comparison against src/test/resources/golden/: emitted Verilog in
 * {@code <case>/}, netlist text in {@code ir/<case>.txt}, elaboration messages in
 * {@code messages/<case>.out}. Run with {@code -Dgolden.update=true} to rewrite the expected
 * files after an intended change (then review the diff).
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

    /**
     * The {@link NetlistText} of every distinct module of {@code d}, children first, without
     * locations (those are pinned by the message goldens and the emitter tests).
     */
    static void checkIr(String name, Design d) {
        StringBuilder text = new StringBuilder();
        for (ModuleDef m : d.hierarchy().unique()) {
            text.append(text.isEmpty() ? "" : "\n").append(NetlistText.print(m, LocationStyle.NONE));
        }
        checkText(DIR.resolve("ir").resolve(name + ".txt"), text.toString());
    }

    /**
     * Elaboration messages in full. Every {@code File.java:line} in them must be a line of a
     * test source that carries a {@code // @marker} comment; the golden file names the marker
     * ({@code File.java:${line:@marker}}), so moving the line keeps the golden valid while any
     * change of wording still fails.
     */
    static void checkMessages(String name, String actual) {
        Path p = DIR.resolve("messages").resolve(name + ".out");
        if (Boolean.getBoolean("golden.update")) {
            write(p, SourceLines.toPlaceholders(actual));
            return;
        }
        assertEquals(SourceLines.fromPlaceholders(read(p)), actual, "messages differ from " + p);
    }

    private static void checkText(Path p, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            write(p, actual);
            return;
        }
        assertEquals(read(p), actual, "text differs from " + p);
    }

    private static void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("missing golden file " + p + " (create it with -Dgolden.update=true)", e);
        }
    }
}
