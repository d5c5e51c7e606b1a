package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.compiler.CheckedFileInput;
import org.jdpu.compiler.Lowering;
import org.jdpu.compiler.ProgramFormatException;
import org.jdpu.io.UserError;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;

import java.io.IOException;

import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import java.util.zip.CheckedOutputStream;

/**
 * The compiled-network file format ({@code .dpunet}), version {@value #VERSION}. Numbers are
 * big-endian except the instructions, which are stored exactly as in DDR (and in
 * {@code program.bin}); {@code utf} is a u16 byte count and modified UTF-8.
 *
 * <pre>
 * magic        8 bytes   "JDPUNET1"
 * version      i32       1
 * arch         utf       DpuConfig.name()
 * config       7 x i32   PP, ICP, OCP, activation, weight, output, bias buffer depths; u8 DSP options (bit 0 packing, bit 1 double-rate multipliers)
 * regions      u8 4, then per region (PARAMS, WORKSPACE, INPUT, OUTPUT):
 *              u8 number, i64 size, u8 filled (0: starts as zeros, 1: size bytes of contents follow)
 * layers       i32 L, then per layer:
 *              utf name, u8 lowering (0 direct, 1 augmented), u8 double-buffered (0/1), i32 runs
 *              (0 for a concat, whose sources write into its feature map; its statistics are all 0),
 *              input and output feature map (each u8 region, i64 offset, i32 h, w, c, cs),
 *              i64 compute cycles, i64 bytes loaded, i64 bytes saved, i32 instructions
 * instructions i32 N, then N x 32 bytes (8 little-endian words each)
 * layer of     N x i32   per instruction its layer index, -1 for none (END)
 * crc          i32       CRC-32 of every byte before it; the file ends here
 * </pre>
 */
public final class NetProgramFile {
    private NetProgramFile() {}

    public static final byte[] MAGIC = "JDPUNET1".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final String EXTENSION = ".dpunet";

    public static void write(NetProgram p, Path file) {
        try (OutputStream raw = Files.newOutputStream(file)) {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            DpuConfig c = p.config();
            out.writeUTF(c.name());
            for (int v : new int[] {c.pp(), c.icp(), c.ocp(), c.actBankDepth(), c.weightBankDepth(), c.outputDepth(), c.biasDepth()}) {
                out.writeInt(v);
            }
            out.writeByte(c.dspOptions());
            out.writeByte(p.regions().size());
            for (NetProgram.RegionImage r : p.regions()) {
                out.writeByte(r.region().number());
                out.writeLong(r.size());
                out.writeByte(r.contents() == null ? 0 : 1);
                if (r.contents() != null) out.write(r.contents());
            }
            out.writeInt(p.layers().size());
            for (NetProgram.LayerInfo l : p.layers()) {
                out.writeUTF(l.name());
                out.writeByte(l.lowering().ordinal());
                out.writeByte(l.doubleBuffered() ? 1 : 0);
                out.writeInt(l.runs());
                featureMap(out, l.input());
                featureMap(out, l.output());
                out.writeLong(l.computeCycles());
                out.writeLong(l.bytesLoaded());
                out.writeLong(l.bytesSaved());
                out.writeInt(l.instructions());
                out.writeLong(l.macs());
            }
            out.writeInt(p.instructions().size());
            out.write(Listing.binary(p.instructions()));
            for (int l : p.layerOf()) out.writeInt(l);
            out.flush();
            out.writeInt((int) checked.getChecksum().getValue());
            out.flush();
        } catch (IOException e) {
            throw new UserError("cannot write network program " + file + ": " + e.getMessage(), e);
        }
    }

    private static void featureMap(DataOutputStream out, FeatureMap f) throws IOException {
        out.writeByte(f.region().number());
        out.writeLong(f.offset());
        out.writeInt(f.h());
        out.writeInt(f.w());
        out.writeInt(f.c());
        out.writeInt(f.cs());
        out.writeInt(f.group());
    }

    /** @throws ProgramFormatException naming the file: missing, foreign, other version, truncated, corrupt */
    public static NetProgram read(Path file) {
        return CheckedFileInput.read(file, "network program", input -> new Reader(input).program());
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

        NetProgram program() throws IOException {
            src.header(MAGIC, "network program", "write one with dpu compile", VERSION, "recompile the network");
            String arch = utf("the architecture string");
            int[] cv = new int[7];
            for (int i = 0; i < cv.length; i++) cv[i] = in.readInt();
            int packing = in.readUnsignedByte();
            if (packing > DpuConfig.DSP_OPTIONS_MAX) throw bad("DSP option bits " + packing + " are not in 0.." + DpuConfig.DSP_OPTIONS_MAX);
            DpuConfig config;
            try {
                config = new DpuConfig(arch, cv[0], cv[1], cv[2], cv[3], cv[4], cv[5], cv[6], packing);
            } catch (IllegalArgumentException e) {
                throw bad("bad configuration '" + arch + "': " + e.getMessage());
            }
            int regionCount = in.readUnsignedByte();
            if (regionCount != Region.values().length) throw bad(regionCount + " regions; a program has " + Region.values().length);
            List<NetProgram.RegionImage> regions = new ArrayList<>();
            for (Region expected : Region.values()) {
                int number = in.readUnsignedByte();
                if (number != expected.number()) throw bad("region " + number + " where region " + expected.number() + " belongs");
                long rs = in.readLong();
                if (rs < 0 || rs > Integer.MAX_VALUE - 64) throw bad(expected.label() + " region size " + rs + " is out of range");
                int filled = in.readUnsignedByte();
                if (filled > 1) throw bad(expected.label() + " region flag " + filled + " is neither 0 nor 1");
                byte[] contents = null;
                if (filled == 1) {
                    need(expected.label() + " region contents", rs);
                    contents = new byte[(int) rs];
                    in.readFully(contents);
                }
                regions.add(new NetProgram.RegionImage(expected, rs, contents));
            }
            int layerCount = in.readInt();
            if (layerCount < 1) throw bad("layer count " + layerCount + " is not positive");
            need(layerCount + " layers", 70L * layerCount);
            List<NetProgram.LayerInfo> layers = new ArrayList<>();
            for (int i = 0; i < layerCount; i++) layers.add(layer(i, regions));
            int count = in.readInt();
            if (count < 1) throw bad("instruction count " + count + " is not positive");
            need(count + " instructions", (long) count * (Instruction.BYTES + 4));
            byte[] bin = new byte[count * Instruction.BYTES];
            in.readFully(bin);
            List<Instruction> instructions;
            try {
                instructions = Listing.decode(bin, file.toString());
            } catch (ProgramFormatException e) {
                throw bad(e.getMessage());
            }
            int[] layerOf = new int[count];
            for (int i = 0; i < count; i++) {
                layerOf[i] = in.readInt();
                if (layerOf[i] < -1 || layerOf[i] >= layerCount) throw bad("instruction " + i + " belongs to layer " + layerOf[i] + " of " + layerCount);
            }
            src.trailer();
            return new NetProgram(config, instructions, layerOf, regions, layers);
        }

        private NetProgram.LayerInfo layer(int i, List<NetProgram.RegionImage> regions) throws IOException {
            String name = utf("the name of layer " + i);
            int lowering = in.readUnsignedByte();
            if (lowering >= Lowering.values().length) throw bad("layer " + i + ": unknown lowering " + lowering);
            int dbl = in.readUnsignedByte();
            if (dbl > 1) throw bad("layer " + i + ": double-buffering flag " + dbl + " is neither 0 nor 1");
            int runs = in.readInt();
            if (runs < 0) throw bad("layer " + i + ": run count " + runs + " is negative");
            FeatureMap input = featureMap("layer " + i + " input", regions);
            FeatureMap output = featureMap("layer " + i + " output", regions);
            long cycles = in.readLong(), loaded = in.readLong(), saved = in.readLong();
            int count = in.readInt();
            long macs = in.readLong();
            // A layer without runs (a concat, placed by its sources) has no instructions and moves nothing.
            boolean impossible = runs == 0 ? (cycles | loaded | saved | count | macs) != 0
                    : cycles < 1 || loaded < 0 || saved < 1 || count < 1 || macs < 1;
            if (impossible) throw bad("layer " + i + ": impossible statistics");
            return new NetProgram.LayerInfo(name, Lowering.values()[lowering], input, output, runs, dbl == 1, cycles, loaded,
                    saved, count, macs);
        }

        private FeatureMap featureMap(String what, List<NetProgram.RegionImage> regions) throws IOException {
            int number = in.readUnsignedByte();
            Region r = Region.ofNumber(number);
            if (r == null) throw bad(what + ": unknown region " + number);
            long offset = in.readLong();
            int h = in.readInt(), w = in.readInt(), c = in.readInt(), cs = in.readInt(), group = in.readInt();
            FeatureMap f;
            try {
                f = new FeatureMap(r, offset, h, w, c, cs, group);
            } catch (IllegalArgumentException e) {
                throw bad(what + ": " + e.getMessage());
            }
            if (f.end() > regions.get(r.ordinal()).size()) {
                throw bad(what + " (" + (f.end() - offset) + " bytes at " + offset + ") reaches past the end of the "
                        + r.label() + " region (" + regions.get(r.ordinal()).size() + " bytes)");
            }
            return f;
        }

        private String utf(String what) throws IOException {
            try {
                return in.readUTF();
            } catch (UTFDataFormatException e) {
                throw bad(what + " is not valid modified UTF-8");
            }
        }

        /** Fails before allocating when the file is too short for {@code bytes} more bytes. */
        private void need(String what, long bytes) {
            long left = size - src.position();
            if (bytes > left) {
                throw bad("truncated (" + size + " bytes): " + what + " need " + bytes + " bytes, only " + left + " remain");
            }
        }
    }
}
