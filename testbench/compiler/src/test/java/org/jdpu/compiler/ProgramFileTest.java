package org.jdpu.compiler;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.cases.LayerCase;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A program survives a file unchanged, and every damaged file is refused with one clear message. */
class ProgramFileTest {
    static final DpuConfig SMALL = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");

    @TempDir
    static Path tmp;
    static Program program;
    static byte[] bytes;

    @BeforeAll
    static void compile() throws IOException {
        Conv2dSpec spec = LayerCase.conv(10, 12, 3, 9, 3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1),
                LayerCase.realisticQuant(3, 3, 3), Activation.RELU);
        LayerCase c = LayerCase.draw("program file", 5, spec, LayerCase.Weights.REALISTIC);
        program = Compiler.compile(SMALL, spec, c.operands().input(), c.operands().weights(), c.operands().bias());
        Path file = tmp.resolve("layer" + ProgramFile.EXTENSION);
        program.write(file);
        bytes = Files.readAllBytes(file);
    }

    @Test
    void readBackEqualsTheProgramWritten() {
        assertEquals(Lowering.AUGMENTED, program.lowering());
        assertTrue(program.runs().size() > 2, "the small buffers split the layer: " + program.runs().size());
        Program back = Program.read(tmp.resolve("layer" + ProgramFile.EXTENSION));
        assertEquals(program, back);
        assertEquals(SMALL, back.config());
        assertEquals(program.predictedTotalCycles(), back.predictedTotalCycles());
        for (int i = 0; i < program.runs().size(); i++) assertEquals(words(program, i), words(back, i), "run " + i);
    }

    @Test
    void eachRunLoadsTheWordsTheCycleModelCounts() {
        for (int i = 0; i < program.runs().size(); i++) {
            long[] n = new long[1];
            program.loads(i, (sel, bank, addr, limbs) -> n[0]++);
            assertEquals(program.loadWords(i), n[0], "run " + i);
            assertEquals(CycleModel.runCost(program.plan(), i).loadWords(), n[0], "run " + i);
        }
        assertEquals(CycleModel.totalCycles(program.plan()), program.predictedTotalCycles());
    }

    private static String words(Program p, int run) {
        StringBuilder sb = new StringBuilder();
        p.loads(run, (sel, bank, addr, limbs) -> sb.append(sel).append(' ').append(bank).append(' ').append(addr)
                .append(Arrays.toString(limbs)).append('\n'));
        return sb.toString();
    }

    @Test
    void everyTruncationIsReportedAsTruncated() throws IOException {
        for (int n = 0; n < bytes.length; n++) {
            ProgramFormatException e = refused(Arrays.copyOf(bytes, n));
            assertTrue(e.getMessage().contains("truncated"), n + " bytes: " + e.getMessage());
        }
    }

    @Test
    void notAProgramOtherVersionsCorruptionAndTrailingBytesAreRefused() throws IOException {
        assertProblem(b -> "{\"op\": \"conv2d\"}".getBytes(), "not a jdpu program");
        assertProblem(b -> patchInt(b, 8, 2), "format version 2; this jdpu reads version 1");
        // the last byte of the bias, well inside the checksummed contents
        assertProblem(b -> flip(b, b.length - 4 - runBytes() - 1), "corrupt");
        assertProblem(b -> Arrays.copyOf(b, b.length + 3), "3 bytes after the end of the program");
        int inputLength = 8 + 4 + 2 + SMALL.name().length() + 7 * 4 + 1 + 1 + 14 * 4 + 8;
        assertProblem(b -> patchLong(b, inputLength, 1L << 40), "input has 1099511627776 bytes; the layer geometry needs");
        assertProblem(b -> patchInt(b, 8 + 4 + 2 + SMALL.name().length(), 0), "bad configuration");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("nowhere.dpuprog");
        ProgramFormatException e = assertThrows(ProgramFormatException.class, () -> Program.read(missing));
        assertEquals("program file " + missing + ": no such file", e.getMessage());
    }

    private static int runBytes() {
        int sum = 4;
        for (RunProgram r : program.runs()) sum += 10 * 4 + 1 + 8 + 4 + 2 + 9 * r.registers().size();
        return sum;
    }

    private static void assertProblem(UnaryOperator<byte[]> damage, String problem) throws IOException {
        ProgramFormatException e = refused(damage.apply(bytes.clone()));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private static ProgramFormatException refused(byte[] content) throws IOException {
        Path f = tmp.resolve("damaged" + ProgramFile.EXTENSION);
        Files.write(f, content);
        ProgramFormatException e = assertThrows(ProgramFormatException.class, () -> Program.read(f));
        assertTrue(e.getMessage().startsWith("program file " + f + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    private static byte[] patchInt(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).putInt(at, v);
        return b;
    }

    private static byte[] patchLong(byte[] b, int at, long v) {
        ByteBuffer.wrap(b).putLong(at, v);
        return b;
    }

    private static byte[] flip(byte[] b, int at) {
        b[at] ^= 0x5A;
        return b;
    }
}
