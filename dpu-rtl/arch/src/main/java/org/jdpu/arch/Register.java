package org.jdpu.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The engine's register map: address, width, signedness and meaning of every register on the
 * {@code reg_addr / reg_wdata / reg_we} interface. Table registers ({@link #tableSize()} > 1)
 * occupy consecutive addresses, one entry per horizontal kernel tap.
 */
public enum Register {
    CTRL(0x00, Access.WRITE, w -> 1, false, 1,
            "write 1 to start the run the descriptor registers describe"),
    STATUS(0x01, Access.READ, w -> 2, false, 1,
            "bit 0: busy; bit 1: done (set when a run finishes, cleared by the next start)"),
    CYCLES(0x02, Access.READ, w -> 32, false, 1,
            "compute cycles of the running or last run (from start to the last output write)"),
    ID(0x03, Access.READ, w -> 24, false, 1,
            "PP | ICP << 8 | OCP << 16, so software can check which configuration it drives"),
    OUT_ROWS(0x04, Access.WRITE, EngineWidths::count, false, 1, "output rows of the run"),
    OUT_COLS(0x05, Access.WRITE, EngineWidths::count, false, 1, "output columns of the run"),
    PIX_GROUPS(0x06, Access.WRITE, EngineWidths::count, false, 1, "ceil(OUT_COLS / PP)"),
    OC_GROUPS(0x07, Access.WRITE, EngineWidths::ocGroups, false, 1, "output-channel groups of OCP channels"),
    KERNEL_H(0x08, Access.WRITE, EngineWidths::kernel, false, 1, "kernel height, 1..16"),
    KERNEL_W(0x09, Access.WRITE, EngineWidths::kernel, false, 1, "kernel width, 1..16"),
    IC_GROUPS(0x0A, Access.WRITE, EngineWidths::icGroups, false, 1, "input-channel groups of ICP channels"),
    IN_ROWS(0x0B, Access.WRITE, EngineWidths::index, true, 1, "stored input rows"),
    ROW_ORIGIN(0x0C, Access.WRITE, EngineWidths::index, true, 1,
            "stored-row index read by output row 0, kernel row 0 (negative inside top padding)"),
    ROW_STEP(0x0D, Access.WRITE, EngineWidths::index, true, 1, "vertical stride"),
    ROW_DILATION(0x0E, Access.WRITE, EngineWidths::index, true, 1, "vertical dilation"),
    ADDR_ROW_ORIGIN(0x0F, Access.WRITE, EngineWidths::slot, false, 1,
            "ROW_ORIGIN * IC_GROUPS * row width (stored columns, phases padded to equal length), modulo the activation capacity"),
    ADDR_ROW_STEP(0x10, Access.WRITE, EngineWidths::slot, false, 1, "ROW_STEP * IC_GROUPS * row width"),
    ADDR_ROW_DILATION(0x11, Access.WRITE, EngineWidths::slot, false, 1,
            "ROW_DILATION * IC_GROUPS * row width"),
    ADDR_IC_STEP(0x12, Access.WRITE, EngineWidths::slot, false, 1, "row width: slots per row of one channel group (stored columns, phases padded to equal length)"),
    PAD_VALUE(0x13, Access.WRITE, w -> 8, true, 1, "int8 value of padding taps (the input zero point)"),
    BIAS_SHIFT(0x14, Access.WRITE, w -> 6, true, 1, "shift_bias + 1: the bias is shifted left (right if negative)"),
    CUT_SHIFT(0x15, Access.WRITE, w -> 7, true, 1,
            "shift_cut + 1: right shift with round-half-up (a negative value shifts left)"),
    ACTIVATION(0x16, Access.WRITE, w -> 2, false, 1, "0 none, 1 relu, 2 relu6, 3 leaky_relu (26/256)"),
    RELU6_SHIFT(0x17, Access.WRITE, w -> 7, true, 1, "relu6 bound: 6 << RELU6_SHIFT (6 >> -RELU6_SHIFT if negative)"),
    RELU6_OUT(0x18, Access.WRITE, w -> 8, true, 1, "output of a relu6 clamped at its bound"),
    OUT_MIN(0x19, Access.WRITE, w -> 8, true, 1, "lower saturation bound of the int8 output (-128, or a clamp's min)"),
    OUT_MAX(0x1A, Access.WRITE, w -> 8, true, 1, "upper saturation bound of the int8 output (127, or a clamp's max)"),
    WEIGHT_BASE(0x1B, Access.WRITE, EngineWidths::weightAddr, false, 1,
            "weight-bank address of the run's first step (the half of a double-buffered bank)"),
    BIAS_BASE(0x1C, Access.WRITE, EngineWidths::biasAddr, false, 1, "bias address of the run's first channel group"),
    OUT_BASE(0x1D, Access.WRITE, EngineWidths::outputAddr, false, 1, "output-buffer address of the run's first word"),
    PSUM_MODE(0x1E, Access.WRITE, w -> 2, false, 1,
            "bit 0: add the kept partial sums to the run's sums; bit 1: keep the sums as partial sums, write no output (0 after reset)"),
    POOL_MODE(0x1F, Access.WRITE, w -> 2, false, 1,
            "bit 0: the run pools instead of convolving (0 after reset); bit 1: average pool, else max pool"),
    COL_BASE(0x20, Access.WRITE, EngineWidths::slot, false, 16,
            "per kernel column: slot offset of output column 0's tap, modulo the capacity"),
    COL_LO(0x30, Access.WRITE, EngineWidths::index, true, 16,
            "per kernel column: first output column whose tap lies inside the stored input"),
    COL_HI(0x40, Access.WRITE, EngineWidths::index, true, 16,
            "per kernel column: first output column whose tap lies beyond the stored input"),
    OUT_ZERO_POINT(0x50, Access.WRITE, w -> 8, true, 1,
            "+tflite only: the output zero point added after the multiplier-mode scaling, before OUT_MIN/OUT_MAX"),
    REQUANT_MODE(0x51, Access.WRITE, w -> 2, false, 1,
            "+tflite only: 1 requantises in TFLite's multiplier mode (per-channel multiplier and shift from the "
                    + "bias buffer, OUT_ZERO_POINT, plus the kept partial sum with PSUM_MODE bit 0), 0 in shift mode "
                    + "(0 after reset); 2 rescales an add operand: ((sum + bias) << 20) through the multiplier and "
                    + "right shift, plus the kept partial sum with PSUM_MODE bit 0, kept as an int32 partial sum"),
    AVG_ADD(0x60, Access.WRITE, w -> PoolDivisor.ADD_BITS, false, 1,
            "average pool: added to sum * AVG_MUL before the fixed right shift by 25 (rounding, see PoolDivisor)"),
    AVG_MUL(0x61, Access.WRITE, w -> PoolDivisor.MUL_BITS, false, 1,
            "average pool: the tap sum's multiplier in units of 2^-25: ceil(2^25 / area), or the DPU's approximation");

    /** How software may access a register. */
    public enum Access { READ, WRITE }

    /** Bits of {@code reg_addr}. */
    public static final int ADDRESS_BITS = 7;

    private final int address;
    private final Access access;
    private final ToIntFunction<EngineWidths> width;
    private final boolean signed;
    private final int tableSize;
    private final String description;

    Register(int address, Access access, ToIntFunction<EngineWidths> width, boolean signed, int tableSize,
             String description) {
        this.address = address;
        this.access = access;
        this.width = width;
        this.signed = signed;
        this.tableSize = tableSize;
        this.description = description;
    }

    public int address() {
        return address;
    }

    /** Address of table entry {@code i}. */
    public int address(int i) {
        if (i < 0 || i >= tableSize) throw new IndexOutOfBoundsException(name() + "[" + i + "]");
        return address + i;
    }

    public Access access() {
        return access;
    }

    public int width(EngineWidths w) {
        return width.applyAsInt(w);
    }

    public boolean signed() {
        return signed;
    }

    public int tableSize() {
        return tableSize;
    }

    public String description() {
        return description;
    }

    /** Widest writable register: the width of {@code reg_wdata}. */
    public static int dataWidth(EngineWidths w) {
        int max = 1;
        for (Register r : values()) {
            if (r.access == Access.WRITE) max = Math.max(max, r.width(w));
        }
        return max;
    }

    /** An inclusive range of register values. */
    public record ValueRange(long min, long max) {
        public boolean contains(long v) {
            return v >= min && v <= max;
        }

        @Override
        public String toString() {
            return min + ".." + max;
        }
    }

    /**
     * The values a CONFIG may write to this register, or null when any value is accepted (the
     * register keeps the low bits of the write). The kernel sizes must lie in 1..{@value
     * DpuConfig#MAX_KERNEL}, because the core's 4-bit tap counters never reach any other end, and
     * the loop counts in 1..2^width - 1, because a count of 0 (or one that only its low bits turn
     * into 0) would run 2^width iterations. The network engine faults with BAD_REGISTER on a CONFIG
     * writing a value outside this range, as the instruction-set simulator does, and refuses a CONV
     * before each of these registers has been written since reset (the core does not reset its
     * descriptor registers); the compiler never writes such a value.
     */
    public ValueRange allowed(EngineWidths w) {
        if (!rangeChecked()) return null;
        boolean kernel = this == KERNEL_H || this == KERNEL_W;
        return new ValueRange(1, kernel ? DpuConfig.MAX_KERNEL : (1L << width(w)) - 1);
    }

    /** True for the registers whose values {@link #allowed} restricts: the kernel sizes and the loop counts. */
    public boolean rangeChecked() {
        return switch (this) {
            case KERNEL_H, KERNEL_W, OUT_ROWS, PIX_GROUPS, OC_GROUPS, IC_GROUPS -> true;
            default -> false;
        };
    }

    /** The registers whose values {@link #allowed} restricts, in address order. */
    public static List<Register> rangeCheckedRegisters() {
        List<Register> out = new ArrayList<>();
        for (Register r : values()) {
            if (r.rangeChecked()) out.add(r);
        }
        return List.copyOf(out);
    }

    /**
     * True for the registers the core resets to 0: POOL_MODE and PSUM_MODE, so that a program
     * written before pools and partial sums existed (it never writes them) still convolves, and
     * REQUANT_MODE, so that a shift-mode program runs unchanged on a {@code +tflite} engine.
     */
    public boolean resets() {
        return this == POOL_MODE || this == PSUM_MODE || this == REQUANT_MODE;
    }

    /** True when an engine of configuration {@code c} has this register: the multiplier-mode ones need {@code +tflite}. */
    public boolean presentIn(DpuConfig c) {
        return c.tflite() || (this != REQUANT_MODE && this != OUT_ZERO_POINT);
    }

    /** True when {@code value} is representable in this register (modulo registers accept any value). */
    public boolean fits(long value, EngineWidths w) {
        int bits = width(w);
        if (signed) return value >= -(1L << (bits - 1)) && value < (1L << (bits - 1));
        return value >= 0 && value < (1L << bits);
    }
}
