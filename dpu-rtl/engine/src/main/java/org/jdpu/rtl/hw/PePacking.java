package org.jdpu.rtl.hw;

import org.jdpu.arch.DpuConfig;

/**
 * A processing element's part in DSP packing ({@link DpuConfig#dspPacking()}). Columns pair up as
 * 0+1, 2+3, ...: the element of the even column (LOW) multiplies its activation by both columns'
 * weights in one {@link PackedMul2} per lane, and the element of the odd column (HIGH) receives
 * its products from it instead of multiplying. With an odd OCP the last column stays NONE.
 */
enum PePacking {
    /** Own multipliers, one DSP per lane. */
    NONE(""),
    /** Even column of a pair: computes its own products and its right neighbour's. */
    LOW("_packlo"),
    /** Odd column of a pair: takes its products from the element to its left. */
    HIGH("_packhi");

    /** Distinguishes the module name of a packed element. */
    final String suffix;

    PePacking(String suffix) {
        this.suffix = suffix;
    }

    /** The part column {@code o} plays in configuration {@code c}. */
    static PePacking of(DpuConfig c, int o) {
        if (!c.dspPacking()) return NONE;
        if (o % 2 == 1) return HIGH;
        return o + 1 < c.ocp() ? LOW : NONE;
    }
}
