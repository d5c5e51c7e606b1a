package org.jdpu.flow.tb;

import org.jdpu.flow.FlowException;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link TestbenchVectors} as the two {@code $readmemh} files of the Verilog testbench:
 * {@code ops.hex} (one operation word per line, see {@link BusWidths}) and {@code expected.hex}
 * (one {@code {compare flags, lanes}} word per read-back word).
 */
public final class VectorFiles {
    private VectorFiles() {}

    public static final String OPS = "ops.hex";
    public static final String EXPECTED = "expected.hex";

    /** Opcodes of {@code ops.hex}; the testbench's case statement uses the same numbers. */
    public static final int OP_REG = 1, OP_LOAD = 2, OP_RUN = 3, OP_READ = 4;

    public static void write(Path dir, TestbenchVectors v, BusWidths w) {
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(dir.resolve(OPS))) {
                out.write("// " + v.arch() + ": " + v.layer() + "; " + v.ops().size() + " operations\n");
                for (BusOp op : v.ops()) out.write(hex(encode(op, w), w.opWord()) + "\n");
            }
            try (Writer out = Files.newBufferedWriter(dir.resolve(EXPECTED))) {
                out.write("// " + v.arch() + ": golden output of " + v.layer() + "; " + v.expected().size() + " words\n");
                for (ExpectedWord e : v.expected()) out.write(hex(encode(e, w), w.expectedWord()) + "\n");
            }
        } catch (IOException e) {
            throw new FlowException("cannot write test vectors to " + dir + ": " + IoErrors.describe(e), e);
        }
    }

    static BigInteger encode(BusOp op, BusWidths w) {
        return switch (op) {
            case BusOp.RegWrite r -> word(w, OP_REG, 0, 0, r.address(), w.regAddr(), BigInteger.valueOf(r.bits()), w.regWdata());
            case BusOp.Load l -> word(w, OP_LOAD, l.select(), l.bank(), l.address(), w.ldAddr(), limbs(l.data()), w.ldData());
            case BusOp.Run r -> word(w, OP_RUN, 0, 0, 0, 1, BigInteger.valueOf(r.expectedCycles()), 32);
            case BusOp.Read r -> word(w, OP_READ, 0, 0, 0, 1, BigInteger.valueOf(r.words()), 32);
        };
    }

    private static BigInteger word(BusWidths w, int opcode, int sel, int bank, long addr, int addrBits, BigInteger data, int dataBits) {
        check("select", BigInteger.valueOf(sel), w.ldSel());
        check("bank", BigInteger.valueOf(bank), w.ldBank());
        check("address", BigInteger.valueOf(addr), addrBits);
        check("data", data, dataBits);
        BigInteger x = BigInteger.valueOf(opcode);
        x = x.shiftLeft(w.ldSel()).or(BigInteger.valueOf(sel));
        x = x.shiftLeft(w.ldBank()).or(BigInteger.valueOf(bank));
        x = x.shiftLeft(w.addrField()).or(BigInteger.valueOf(addr));
        return x.shiftLeft(w.dataField()).or(data);
    }

    static BigInteger encode(ExpectedWord e, BusWidths w) {
        if (e.width() != w.lanes()) throw new IllegalArgumentException("expected word has " + e.width() + " lanes, rd_data " + w.lanes());
        BigInteger x = BigInteger.ZERO;
        for (int i = 0; i < e.width(); i++) {
            x = x.or(BigInteger.valueOf(e.lanes()[i] & 0xFF).shiftLeft(8 * i));
            if (e.compare()[i]) x = x.setBit(w.rdData() + i);
        }
        return x;
    }

    private static BigInteger limbs(long[] data) {
        BigInteger x = BigInteger.ZERO;
        for (int i = data.length - 1; i >= 0; i--) {
            x = x.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(data[i])));
        }
        return x;
    }

    private static void check(String what, BigInteger v, int bits) {
        if (v.signum() < 0 || v.bitLength() > bits) {
            throw new IllegalArgumentException(what + " " + v + " does not fit " + bits + " bits");
        }
    }

    private static String hex(BigInteger v, int bits) {
        String h = v.toString(16);
        int digits = (bits + 3) / 4;
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }
}
