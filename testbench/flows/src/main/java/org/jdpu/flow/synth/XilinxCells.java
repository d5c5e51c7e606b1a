package org.jdpu.flow.synth;

import java.util.Map;

/**
 * What each UltraScale+ primitive that Yosys {@code synth_xilinx} produces costs, in the units a
 * Vivado utilisation report uses: CLB LUTs (logic, distributed RAM and shift registers), CLB
 * registers, DSP slices, block RAM tiles and UltraRAM.
 */
public final class XilinxCells {
    private XilinxCells() {}

    /** LUTs used by each distributed-RAM primitive (UG574, CLB user guide). */
    private static final Map<String, Integer> LUTRAM_LUTS = Map.ofEntries(
            Map.entry("RAM32X1S", 1), Map.entry("RAM32X1D", 2), Map.entry("RAM32M", 4), Map.entry("RAM32M16", 8),
            Map.entry("RAM64X1S", 1), Map.entry("RAM64X1D", 2), Map.entry("RAM64M", 4), Map.entry("RAM64M8", 8),
            Map.entry("RAM128X1S", 2), Map.entry("RAM128X1D", 4), Map.entry("RAM256X1S", 4), Map.entry("RAM256X1D", 8),
            Map.entry("RAM512X1S", 8));

    public static boolean isLogicLut(String type) {
        return type.matches("LUT[1-6]");
    }

    public static boolean isLutRam(String type) {
        return LUTRAM_LUTS.containsKey(type);
    }

    public static int lutRamLuts(String type) {
        return LUTRAM_LUTS.getOrDefault(type, 0);
    }

    public static boolean isShiftRegister(String type) {
        return type.equals("SRL16E") || type.equals("SRLC32E") || type.equals("SRLC16E");
    }

    public static boolean isFlipFlop(String type) {
        return type.equals("FDRE") || type.equals("FDSE") || type.equals("FDCE") || type.equals("FDPE");
    }

    public static boolean isLatch(String type) {
        return type.equals("LDCE") || type.equals("LDPE");
    }

    public static boolean isDsp(String type) {
        return type.startsWith("DSP48");
    }

    public static boolean isBlockRam36(String type) {
        return type.startsWith("RAMB36");
    }

    public static boolean isBlockRam18(String type) {
        return type.startsWith("RAMB18");
    }

    public static boolean isUltraRam(String type) {
        return type.equals("URAM288") || type.equals("URAM288_BASE");
    }

    public static boolean isCarry(String type) {
        return type.equals("CARRY4") || type.equals("CARRY8");
    }

    public static boolean isWideMux(String type) {
        return type.matches("MUXF[789]");
    }

    /** Clock and I/O buffers: they cost no logic and add no logic level. */
    public static boolean isBuffer(String type) {
        return type.matches("[IO]BUF|BUFG.*|IOBUF|OBUFT|BUFGCE.*");
    }

    /** Internal (not yet mapped) Yosys latch cells, e.g. {@code $dlatch} from an incomplete assignment. */
    public static boolean isGenericLatch(String type) {
        return type.startsWith("$dlatch") || type.startsWith("$adlatch") || type.startsWith("$_DLATCH")
                || type.startsWith("$_SR_") || type.startsWith("$sr");
    }
}
