package org.jdpu.compiler.net;

import org.jdpu.compiler.ProgramFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code .dpunet} container: exact round trip, and one clear error for every broken file. */
class NetProgramFileTest {
    @TempDir
    Path tmp;

    private NetProgram program() {
        TestNets.Net net = NetworkCompilerTest.fourLayers(11);
        return NetworkCompiler.compile(NetworkCompilerTest.SMALL, net.spec(), net.input(), net.tensors());
    }

    private ProgramFormatException broken(Path f) {
        ProgramFormatException e = assertThrows(ProgramFormatException.class, () -> NetProgram.read(f));
        assertTrue(e.getMessage().startsWith("network program " + f + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    @Test
    void roundTrip() {
        NetProgram p = program();
        Path f = tmp.resolve("n.dpunet");
        p.write(f);
        NetProgram back = NetProgram.read(f);
        assertEquals(p, back);
        assertEquals(Listing.of(p), Listing.of(back));
        assertEquals(p.layers(), back.layers());
        assertEquals(p.regions(), back.regions());
    }

    @Test
    void roundTripOfAGraphWithAConcat() {
        TestNets.Net net = NetworkCompilerTest.branchAndConcat(12, 8);
        NetProgram p = NetworkCompiler.compile(NetworkCompilerTest.B512, net.spec(), net.input(), net.tensors());
        Path f = tmp.resolve("g.dpunet");
        p.write(f);
        NetProgram back = NetProgram.read(f);
        assertEquals(p, back);
        assertEquals(0, back.layers().get(3).runs(), "the concat");
        assertEquals(p.layers().get(2).output(), back.layers().get(2).output(), "a slice of the concat");
    }

    @Test
    void everyTruncationIsReported() throws IOException {
        Path f = tmp.resolve("n.dpunet");
        program().write(f);
        byte[] all = Files.readAllBytes(f);
        Path t = tmp.resolve("t.dpunet");
        for (int n = 0; n < all.length; n += Math.max(1, all.length / 300)) {
            Files.write(t, Arrays.copyOf(all, n));
            String m = broken(t).getMessage();
            assertTrue(m.contains("truncated") || m.contains("not a jdpu network program"), n + ": " + m);
        }
        Files.write(t, Arrays.copyOf(all, all.length - 1));
        assertTrue(broken(t).getMessage().contains("truncated"));
    }

    @Test
    void foreignVersionCorruptTrailingMissing() throws IOException {
        Path f = tmp.resolve("n.dpunet");
        program().write(f);
        byte[] all = Files.readAllBytes(f);
        Path t = tmp.resolve("t.dpunet");

        byte[] foreign = all.clone();
        foreign[0] = 'X';
        Files.write(t, foreign);
        assertTrue(broken(t).getMessage().contains("not a jdpu network program"));

        byte[] version = all.clone();
        ByteBuffer.wrap(version).putInt(8, 7);
        Files.write(t, version);
        assertTrue(broken(t).getMessage().contains("format version 7; this jdpu reads version 1"));

        byte[] flipped = all.clone();
        flipped[all.length - 40] ^= 0x10;
        Files.write(t, flipped);
        String m = broken(t).getMessage();
        assertTrue(m.contains("corrupt") || m.contains("belongs to layer"), m);

        byte[] trailing = Arrays.copyOf(all, all.length + 3);
        Files.write(t, trailing);
        assertTrue(broken(t).getMessage().contains("3 bytes after the end of the program"));

        assertTrue(broken(tmp.resolve("missing.dpunet")).getMessage().contains("no such file"));
    }

    @Test
    void rawBinaryOfAWrongSizeOrOpcodeIsRefused() {
        byte[] bin = program().binary();
        ProgramFormatException e = assertThrows(ProgramFormatException.class,
                () -> Listing.decode(Arrays.copyOf(bin, bin.length - 5), "p.bin"));
        assertTrue(e.getMessage().contains("is not a whole number of 32-byte instructions"), e.getMessage());
        byte[] bad = bin.clone();
        bad[32 * 3 + 3] = 0x70; // opcode 7 in word 0 bits 31:28 of instruction 3
        e = assertThrows(ProgramFormatException.class, () -> Listing.decode(bad, "p.bin"));
        assertTrue(e.getMessage().contains("instruction 3 (byte 96): unknown opcode 0x7"), e.getMessage());
    }
}
