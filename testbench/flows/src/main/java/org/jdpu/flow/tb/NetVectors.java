package org.jdpu.flow.tb;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.model.MemoryTiming;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.compiler.net.FeatureMap;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.flow.FlowException;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.iss.NetIss;
import org.jdpu.memory.DdrTiming;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * What the export testbench runs and checks: a network compiled for the bundle's configuration
 * (every layer's output kept, {@link NetworkCompiler.Workspace#KEEP_ALL}), placed in one DDR image
 * (instructions first, then each region 4 KiB-aligned with a guard page between neighbours, as
 * host software would lay out one buffer), and every layer's expected output bytes: the golden
 * model's, checked equal to the instruction-set simulator's before anything is written.
 *
 * @param arch            configuration name
 * @param description     the network (shapes, seed)
 * @param layerNames      per layer, its name
 * @param dataBytes       bytes per DDR beat (the AXI data width)
 * @param ddrBytes        size of the simulated DDR (a power of two)
 * @param instructionBase where the instructions start (32-byte aligned)
 * @param instructions    how many
 * @param regionBase      per region (8), its base address
 * @param regionSize      per region, its size (the BOUND register; 0 for an unused region)
 * @param image           the DDR's initial contents from address 0, a whole number of beats
 * @param checks          the expected bytes, per layer then per beat
 * @param predictedCycles the whole-program cycle model's estimate (for the testbench's timeout)
 */
public record NetVectors(String arch, String description, List<String> layerNames, int dataBytes, int ddrBytes,
                         long instructionBase, int instructions, long[] regionBase, long[] regionSize, byte[] image,
                         List<Check> checks, long predictedCycles) {

    /** The DDR timing the testbench's memory runs with. */
    public static final DdrTiming TIMING = DdrTiming.ZCU102_HP;
    public static final long PAGE = 4096;
    /** The smallest simulated DDR (the AXI DDR model takes 4 KiB .. 1 GiB). */
    static final int MIN_DDR = 64 << 10;

    /**
     * Expected bytes of one DDR beat.
     *
     * @param layer index of the layer whose output they are
     * @param beat  beat index (byte address / dataBytes)
     * @param mask  bit i set: byte i of the beat is compared (pad channels are not)
     * @param data  the beat's expected bytes (0 where not compared)
     */
    public record Check(int layer, long beat, long mask, byte[] data) {
        public int comparedBytes() {
            return Long.bitCount(mask);
        }
    }

    public NetVectors {
        layerNames = List.copyOf(layerNames);
        checks = List.copyOf(checks);
    }

    public int layers() {
        return layerNames.size();
    }

    public long comparedBytes() {
        return checks.stream().mapToLong(Check::comparedBytes).sum();
    }

    /** Compiles {@code net} for {@code c} and builds the image and the expected bytes. */
    public static NetVectors of(DpuConfig c, AxiConfig a, TestbenchNetwork net) {
        NetProgram p = NetworkCompiler.compile(c, net.spec(), net.input(), net.tensors(), NetworkCompiler.Workspace.KEEP_ALL);
        List<Int8Tensor> golden = NetworkRunner.runAll(net.spec(), net.input(), i -> net.tensors().get(i).weights(),
                i -> net.tensors().get(i).bias()).values().stream().map(t -> (Int8Tensor) t).toList();
        NetIss.Outcome iss = NetIss.run(p);
        for (int i = 0; i < golden.size(); i++) {
            if (!Arrays.equals(golden.get(i).data(), iss.layerOutputs().get(i).data())) {
                throw new FlowException("the instruction-set simulator disagrees with the golden model on layer "
                        + p.layers().get(i).name() + " of the testbench network on " + c.name() + "; no testbench written");
            }
        }
        int db = a.dataBytes();
        long at = 0;
        long instrBase = at;
        at = align(at + (long) p.instructions().size() * Instruction.BYTES) + PAGE;
        long[] base = new long[ControlRegister.REGIONS], size = new long[ControlRegister.REGIONS];
        for (NetProgram.RegionImage r : p.regions()) {
            int n = r.region().ordinal();
            base[n] = at;
            size[n] = r.size();
            at = align(at + r.size()) + PAGE;
        }
        int ddr = MIN_DDR;
        while (ddr < at) ddr <<= 1;
        byte[] image = new byte[Math.toIntExact(at)];
        byte[] bin = p.binary();
        System.arraycopy(bin, 0, image, (int) instrBase, bin.length);
        for (NetProgram.RegionImage r : p.regions()) {
            if (r.contents() != null) System.arraycopy(r.contents(), 0, image, (int) base[r.region().ordinal()], r.contents().length);
        }
        List<Check> checks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p.layers().size(); i++) {
            FeatureMap f = p.layers().get(i).output();
            names.add(p.layers().get(i).name());
            byte[] want = golden.get(i).data();
            TreeMap<Long, Check> beats = new TreeMap<>();
            long regionStart = base[f.region().ordinal()];
            for (int y = 0; y < f.h(); y++) {
                for (int xx = 0; xx < f.w(); xx++) {
                    for (int ch = 0; ch < f.c(); ch++) {
                        long addr = regionStart + f.at(y, xx, ch);
                        long beat = addr / db;
                        int lane = (int) (addr % db);
                        final int layer = i;
                        Check k = beats.computeIfAbsent(beat, b -> new Check(layer, b, 0, new byte[db]));
                        k.data()[lane] = want[(y * f.w() + xx) * f.c() + ch];
                        beats.put(beat, new Check(i, beat, k.mask() | 1L << lane, k.data()));
                    }
                }
            }
            checks.addAll(beats.values());
        }
        long predicted = ProgramCycleModel.schedule(c, a, new MemoryTiming(TIMING.effectiveReadLatency(),
                TIMING.effectiveWriteLatency(), TIMING.beatGap()), p.instructions()).total();
        return new NetVectors(c.name(), net.description(), names, db, ddr, instrBase, p.instructions().size(), base, size,
                image, checks, predicted);
    }

    /** Beats of the image (rounded up). */
    public int imageBeats() {
        return (image.length + dataBytes - 1) / dataBytes;
    }

    private static long align(long a) {
        return (a + PAGE - 1) / PAGE * PAGE;
    }
}
