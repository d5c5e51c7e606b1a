package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.compiler.Lowering;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A network compiled for one configuration: what an ISS or a runtime needs to execute it. The
 * host puts the four regions anywhere in DDR (each at its base-address register, bounded by its
 * size), fills PARAMS and INPUT with their initial contents, points the engine at the
 * instructions and starts it; afterwards every layer's output is at {@link LayerInfo#output()}.
 * {@link NetProgramFile} writes it to a {@code .dpunet} file and reads it back.
 *
 * @param config       the configuration it was compiled for
 * @param instructions the program, END last
 * @param layerOf      per instruction, the index into {@code layers} of the layer it belongs to, -1 for none (END)
 * @param regions      the regions PARAMS, WORKSPACE, INPUT, OUTPUT, in that order
 * @param layers       per layer, in network order
 */
public record NetProgram(DpuConfig config, List<Instruction> instructions, int[] layerOf, List<RegionImage> regions,
                         List<LayerInfo> layers) {

    /**
     * One region's size and initial contents.
     *
     * @param contents the initial bytes ({@code size} of them), or null for a region that starts as zeros
     *                 (only its size matters: the program writes it before reading it)
     */
    public record RegionImage(Region region, long size, byte[] contents) {
        public RegionImage {
            if (size < 0) throw new IllegalArgumentException("negative region size");
            if (contents != null && contents.length != size) {
                throw new IllegalArgumentException(region + " has " + contents.length + " bytes of contents for size " + size);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RegionImage r && r.region == region && r.size == size
                    && Arrays.equals(r.contents, contents);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * region.hashCode() + Long.hashCode(size)) + Arrays.hashCode(contents);
        }
    }

    /**
     * One layer as compiled.
     *
     * @param name           the network entry's name
     * @param lowering       how the layer as written maps onto the engine (only a first layer is augmented)
     * @param input          where its input is read from (the augmented input for an augmented layer)
     * @param output         where its output is written: shape {@code [1, H, W, C]} of the layer as written
     * @param runs           engine runs
     * @param doubleBuffered true when its runs alternate buffer halves; false when a run needs whole buffers
     * @param computeCycles  the cycle model's compute cycles, summed over its runs
     * @param bytesLoaded    DDR bytes its LOADs read
     * @param bytesSaved     DDR bytes its SAVEs write
     * @param instructions   instructions of the layer
     * @param macs           multiply-accumulates of the layer as written (a lowering does not change them)
     */
    public record LayerInfo(String name, Lowering lowering, FeatureMap input, FeatureMap output, int runs,
                            boolean doubleBuffered, long computeCycles, long bytesLoaded, long bytesSaved,
                            int instructions, long macs) {}

    public NetProgram {
        instructions = List.copyOf(instructions);
        layerOf = layerOf.clone();
        regions = List.copyOf(regions);
        layers = List.copyOf(layers);
        if (layerOf.length != instructions.size()) {
            throw new IllegalArgumentException(layerOf.length + " layer indices for " + instructions.size() + " instructions");
        }
        for (int l : layerOf) {
            if (l < -1 || l >= layers.size()) throw new IllegalArgumentException("layer index " + l + " out of range");
        }
        if (regions.size() != Region.values().length) throw new IllegalArgumentException("a program has " + Region.values().length + " regions");
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).region().ordinal() != i) throw new IllegalArgumentException("regions out of order");
        }
    }

    /** The layer name of instruction {@code i}, or "" for END. */
    public String layerName(int i) {
        return layerOf[i] < 0 ? "" : layers.get(layerOf[i]).name();
    }

    /** Per instruction, its layer's name ("" for none): the listing's last column. */
    public List<String> layerNames() {
        return java.util.stream.IntStream.range(0, instructions.size()).mapToObj(this::layerName).toList();
    }

    public RegionImage region(Region r) {
        return regions.get(r.ordinal());
    }

    /** The instructions as they sit in DDR: 32 bytes each, little-endian words. */
    public byte[] binary() {
        return Listing.binary(instructions);
    }

    public long computeCycles() {
        return layers.stream().mapToLong(LayerInfo::computeCycles).sum();
    }

    public void write(Path file) {
        NetProgramFile.write(this, file);
    }

    /** @throws org.jdpu.compiler.ProgramFormatException naming the file and what is wrong with it */
    public static NetProgram read(Path file) {
        return NetProgramFile.read(file);
    }

    @Override
    public boolean equals(Object o) {
        // Instructions compare by encoding: a decoded CONFIG carries its unused value fields as zeros.
        return o instanceof NetProgram p && p.config.equals(config) && Arrays.equals(p.binary(), binary())
                && Arrays.equals(p.layerOf, layerOf) && p.regions.equals(regions) && p.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(binary()) * 31 + Arrays.hashCode(layerOf);
    }

    @Override
    public String toString() {
        return "NetProgram[" + config.name() + ", " + instructions.size() + " instructions, " + layers.size() + " layers]";
    }
}
