package org.jdpu.compiler;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Register;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
import org.jdpu.io.UserError;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;

import java.io.IOException;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import java.util.zip.CheckedOutputStream;

/**
 * The program file format ({@code .dpuprog}), version {@value #VERSION}. All numbers are
 * big-endian; {@code utf} is a u16 byte count and modified UTF-8 (Java's {@code writeUTF}).
 *
 * <pre>
 * magic      8 bytes   "JDPUPROG"
 * version    i32       1
 * arch       utf       the architecture string (DpuConfig.name(), e.g. 3x5x7:act=64,wgt=64,out=64,bias=16)
 * config     7 x i32   PP, ICP, OCP, activation, weight, output and bias buffer depths
 *            u8        DSP options (bit 0 packing, bit 1 double-rate multipliers)
 * lowering   u8        0 direct, 1 channel-augmented
 * geometry   14 x i32  inH inW inC outC kh kw sh sw dh dw padTop padLeft padBottom padRight (the lowered layer)
 * layerMacs  i64       MACs of the layer as written
 * input      i64 n, n bytes          int8 NHWC, n = inH*inW*inC
 * weights    i64 n, n bytes          int8 OHWI, n = outC*kh*kw*inC
 * bias       i32 n, n x i32          n = outC
 * requant    only for a +tflite arch: u8 1 then 2n x i32 (multipliers, then shifts) for a
 *            multiplier-mode layer, u8 0 for a shift-mode one
 * runs       i32 R, then R times:
 *   run      10 x i32  oy0 oy1 ox0 ox1 ocg0 ocg1 iy0 iy1 ix0 ix1
 *   flags    u8        bit 0: load the input, bit 1: load the weights and biases
 *   cycles   i64       predicted compute cycles
 *   reads    i32       output words to read back
 *   regs     u16 W, then W times: u8 register address, i64 value
 * crc        i32       CRC-32 of every byte before it; the file ends here
 * </pre>
 *
 * Reading checks every field against the others (sizes against the geometry, runs inside the
 * layer, register addresses against the register map) and reports the first problem as one
 * {@link ProgramFormatException} naming the file.
 */
public final class ProgramFile {
    private ProgramFile() {}

    /** The first bytes of every program file. */
    public static final byte[] MAGIC = "JDPUPROG".getBytes(StandardCharsets.US_ASCII);
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** The file name extension used by the command line. */
    public static final String EXTENSION = ".dpuprog";

    private static final int LOADS_INPUT = 1, LOADS_CHANNELS = 2;

    public static void write(Program p, Path file) {
        try (OutputStream raw = Files.newOutputStream(file)) {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            DpuConfig c = p.config();
            out.writeUTF(c.name());
            for (int v : new int[] {c.pp(), c.icp(), c.ocp(), c.actBankDepth(), c.weightBankDepth(), c.outputDepth(),
                    c.biasDepth()}) {
                out.writeInt(v);
            }
            out.writeByte(c.dspOptions());
            out.writeByte(p.lowering().ordinal());
            ConvGeometry g = p.geometry();
            for (int v : new int[] {g.inH(), g.inW(), g.inC(), g.outC(), g.kh(), g.kw(), g.sh(), g.sw(), g.dh(), g.dw(),
                    g.padTop(), g.padLeft(), g.padBottom(), g.padRight()}) {
                out.writeInt(v);
            }
            out.writeLong(p.layerMacs());
            out.writeLong(p.input().data().length);
            out.write(p.input().data());
            out.writeLong(p.weights().data().length);
            out.write(p.weights().data());
            int[] bias = p.bias().data();
            out.writeInt(bias.length);
            for (int b : bias) out.writeInt(b);
            if (c.tflite()) {
                out.writeByte(p.requant() != null ? 1 : 0);
                if (p.requant() != null) for (int v : p.requant().data()) out.writeInt(v);
            }
            out.writeInt(p.runs().size());
            for (RunProgram rp : p.runs()) {
                Run r = rp.run();
                for (int v : new int[] {r.oy0(), r.oy1(), r.ox0(), r.ox1(), r.ocg0(), r.ocg1(), r.iy0(), r.iy1(), r.ix0(),
                        r.ix1()}) {
                    out.writeInt(v);
                }
                out.writeByte((rp.loadsInput() ? LOADS_INPUT : 0) | (rp.loadsChannels() ? LOADS_CHANNELS : 0));
                out.writeLong(rp.expectedCycles());
                out.writeInt(rp.readWords());
                out.writeShort(rp.registers().size());
                for (RegisterWrite w : rp.registers()) {
                    out.writeByte(w.address());
                    out.writeLong(w.value());
                }
            }
            out.flush();
            out.writeInt((int) checked.getChecksum().getValue());
            out.flush();
        } catch (IOException e) {
            throw new UserError("cannot write program file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Program read(Path file) {
        return CheckedFileInput.read(file, "program file", input -> new Reader(input).program());
    }

    private static final class Reader {
        private final CheckedFileInput src;
        private final Path file;
        private final long size;
        private final DataInputStream in;

        Reader(CheckedFileInput src) {
            this.src = src;
            this.file = src.file();
            this.size = src.size();
            this.in = src.in();
        }

        private ProgramFormatException bad(String problem) {
            return src.bad(problem);
        }

        Program program() throws IOException {
            src.header(MAGIC, "program", "write one with dpu cosim --save-program", VERSION,
                    "recompile the layer with this jdpu");
            String arch;
            try {
                arch = in.readUTF();
            } catch (java.io.UTFDataFormatException e) {
                throw bad("the architecture string is not valid modified UTF-8");
            }
            int[] cv = ints(7);
            int packing = in.readUnsignedByte();
            if (packing > DpuConfig.DSP_OPTIONS_MAX) throw bad("DSP option bits " + packing + " are not in 0.." + DpuConfig.DSP_OPTIONS_MAX);
            DpuConfig config;
            try {
                config = new DpuConfig(arch, cv[0], cv[1], cv[2], cv[3], cv[4], cv[5], cv[6], packing);
            } catch (IllegalArgumentException e) {
                throw bad("bad configuration '" + arch + "': " + e.getMessage());
            }
            int lowering = in.readUnsignedByte();
            if (lowering >= Lowering.values().length) throw bad("unknown lowering " + lowering);
            int[] gv = ints(14);
            ConvGeometry g;
            try {
                g = new ConvGeometry(gv[0], gv[1], gv[2], gv[3], gv[4], gv[5], gv[6], gv[7], gv[8], gv[9], gv[10], gv[11],
                        gv[12], gv[13]);
            } catch (RuntimeException e) {
                throw bad("bad layer geometry " + Arrays.toString(gv) + ": " + e.getMessage());
            }
            long macs = in.readLong();
            if (macs < 1) throw bad("layer MACs " + macs + " is not positive");
            byte[] input = bytes("input", (long) g.inH() * g.inW() * g.inC());
            byte[] weights = bytes("weights", (long) g.outC() * g.kh() * g.kw() * g.inC());
            int biasCount = in.readInt();
            if (biasCount != g.outC()) throw bad("bias has " + biasCount + " values; the layer has " + g.outC() + " output channels");
            need("bias", 4L * biasCount);
            int[] bias = ints(biasCount);
            Int32Tensor requant = null;
            if (config.tflite()) {
                int mode = in.readUnsignedByte();
                if (mode > 1) throw bad("requantisation flag " + mode + " is not 0 (shift mode) or 1 (multiplier mode)");
                if (mode == 1) {
                    need("multipliers and shifts", 8L * biasCount);
                    requant = new Int32Tensor(new int[] {2, biasCount}, ints(2 * biasCount));
                }
            }
            int runCount = in.readInt();
            if (runCount < 1) throw bad("run count " + runCount + " is not positive");
            // A run takes at least 55 bytes: this rejects absurd counts before allocating for them.
            need(runCount + " runs", 55L * runCount);
            List<RunProgram> runs = new ArrayList<>(runCount);
            int ocGroups = (g.outC() + config.ocp() - 1) / config.ocp();
            for (int i = 0; i < runCount; i++) runs.add(run(i, g, ocGroups, config));
            src.trailer();
            return new Program(config, Lowering.values()[lowering], g, macs, new Int8Tensor(new int[] {1, g.inH(),
                    g.inW(), g.inC()}, input), new Int8Tensor(new int[] {g.outC(), g.kh(), g.kw(), g.inC()}, weights),
                    new Int32Tensor(new int[] {g.outC()}, bias), requant, runs);
        }

        private RunProgram run(int i, ConvGeometry g, int ocGroups, DpuConfig config) throws IOException {
            int[] v = ints(10);
            String where = "run " + i;
            Run r = new Run(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
            if (!(within(r.oy0(), r.oy1(), g.outH()) && within(r.ox0(), r.ox1(), g.outW()) && within(r.ocg0(), r.ocg1(), ocGroups)
                    && within(r.iy0(), r.iy1(), g.inH()) && within(r.ix0(), r.ix1(), g.inW()))) {
                throw bad(where + " " + r + " reaches outside the layer");
            }
            int flags = in.readUnsignedByte();
            if ((flags & ~(LOADS_INPUT | LOADS_CHANNELS)) != 0) throw bad(where + ": unknown load flags " + flags);
            long cycles = in.readLong();
            if (cycles < 1) throw bad(where + ": predicted cycles " + cycles + " is not positive");
            int reads = in.readInt();
            if (reads != (long) r.outRows() * r.outCols() * r.ocGroups()) {
                throw bad(where + ": reads " + reads + " words; its outputs are " + (long) r.outRows() * r.outCols()
                        * r.ocGroups() + " words");
            }
            if ((long) reads > config.outputDepth()) {
                throw bad(where + ": reads " + reads + " words; the output buffer holds " + config.outputDepth());
            }
            int count = in.readUnsignedShort();
            need(where + "'s registers", 9L * count);
            List<RegisterWrite> regs = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                int address = in.readUnsignedByte();
                long value = in.readLong();
                regs.add(register(where, address, value));
            }
            return new RunProgram(r, (flags & LOADS_INPUT) != 0, (flags & LOADS_CHANNELS) != 0, regs, cycles, reads);
        }

        private RegisterWrite register(String where, int address, long value) {
            for (Register reg : Register.values()) {
                if (address >= reg.address() && address < reg.address() + reg.tableSize()) {
                    if (reg.access() != Register.Access.WRITE || reg == Register.CTRL) break;
                    return new RegisterWrite(reg, address - reg.address(), value);
                }
            }
            throw bad(where + ": register address 0x" + Integer.toHexString(address) + " is not a descriptor register");
        }

        private static boolean within(int lo, int hi, int limit) {
            return 0 <= lo && lo < hi && hi <= limit;
        }

        private int[] ints(int n) throws IOException {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) v[i] = in.readInt();
            return v;
        }

        private byte[] bytes(String what, long expected) throws IOException {
            long n = in.readLong();
            if (n != expected) throw bad(what + " has " + n + " bytes; the layer geometry needs " + expected);
            need(what, n);
            byte[] b = new byte[Math.toIntExact(n)];
            in.readFully(b);
            return b;
        }

        /** Fails before allocating when the file is too short for {@code bytes} more bytes. */
        private void need(String what, long bytes) {
            long left = size - src.position();
            if (bytes > left) {
                throw bad("truncated (" + size + " bytes): " + what + " needs " + bytes + " bytes, only " + left
                        + " remain");
            }
        }
    }
}
