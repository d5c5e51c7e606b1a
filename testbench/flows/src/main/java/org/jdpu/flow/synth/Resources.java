package org.jdpu.flow.synth;

/**
 * The resource use of a synthesized design in Vivado's units.
 *
 * @param luts       CLB LUTs in total: {@code lutLogic + lutRam + srl}
 * @param lutLogic   LUTs used as logic (LUT1..LUT6)
 * @param lutRam     LUTs used as distributed RAM
 * @param srl        LUTs used as shift registers
 * @param ffs        CLB registers (FDRE/FDSE/FDCE/FDPE)
 * @param latches    latches (LDCE/LDPE); a clean design has none
 * @param dsps       DSP48E2 slices
 * @param bram36     block RAM in RAMB36 tiles: {@code ramb36 + ramb18 / 2}
 * @param ramb36     RAMB36E2 primitives
 * @param ramb18     RAMB18E2 primitives
 * @param uram       URAM288 primitives
 * @param carry      CARRY4/CARRY8 primitives (part of the LUT-fabric cost, not counted in LUTs)
 */
public record Resources(long luts, long lutLogic, long lutRam, long srl, long ffs, long latches, long dsps,
                        double bram36, long ramb36, long ramb18, long uram, long carry) {

    /** Sums the final (mapped) cell counts of a design into resources. */
    public static Resources of(CellCounts cells) {
        long logic = cells.sum(XilinxCells::isLogicLut);
        long lutRam = cells.byType().entrySet().stream()
                .mapToLong(e -> XilinxCells.lutRamLuts(e.getKey()) * e.getValue()).sum();
        long srl = cells.sum(XilinxCells::isShiftRegister);
        long r36 = cells.sum(XilinxCells::isBlockRam36);
        long r18 = cells.sum(XilinxCells::isBlockRam18);
        return new Resources(logic + lutRam + srl, logic, lutRam, srl,
                cells.sum(XilinxCells::isFlipFlop), cells.sum(XilinxCells::isLatch), cells.sum(XilinxCells::isDsp),
                r36 + r18 / 2.0, r36, r18, cells.sum(XilinxCells::isUltraRam), cells.sum(XilinxCells::isCarry));
    }
}
