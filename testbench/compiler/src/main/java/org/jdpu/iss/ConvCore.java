package org.jdpu.iss;

import org.jdpu.arch.ActivationKind;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.Register;
import org.jdpu.arch.RequantMode;
import org.jdpu.golden.TfliteRequant;

/**
 * One run of the convolution core (a CONV instruction), untimed: what {@code dpu_top} leaves in
 * the output buffer for the descriptor registers and buffer contents it starts with. Written from
 * the RTL in {@code org.jdpu.rtl.hw}, not from the golden model, so that the two are independent
 * references; each rule names the block it comes from.
 *
 * <p>For tile (ocg, y, xg), outermost first, and lane j of the PP pixel rows:
 * <ul>
 *   <li><b>Loop counts</b> (StepSequencer, OutputPath): a loop ends when its counter equals
 *       {@code COUNT - 1} computed modulo the register width ({@code subWrap}), so a count of 0
 *       runs 2^width iterations. KERNEL_H/KERNEL_W outside 1..16 never end (the kernel counters are
 *       4 bits wide): the run never finishes, which this model refuses
 *       ({@link UnmodelledException}).</li>
 *   <li><b>Row</b> (StepSequencer {@code row_y}, {@code row}): {@code ROW_ORIGIN + y*ROW_STEP +
 *       ky*ROW_DILATION}, wrapping in the signed index width; valid iff {@code 0 <= row < IN_ROWS}.</li>
 *   <li><b>Row address</b> (StepSequencer {@code addr_row_y}, {@code addr_ic}): {@code ADDR_ROW_ORIGIN +
 *       y*ADDR_ROW_STEP + ky*ADDR_ROW_DILATION + icg*ADDR_IC_STEP} modulo 2^slotBits = the capacity.</li>
 *   <li><b>Slot</b> (ActivationPath stage 1 and 2): {@code L = row address + COL_BASE[kx] + x0} modulo
 *       the capacity, {@code x0 = xg*PP} modulo 2^countBits (the sequencer's {@code x0} register);
 *       lane j reads slot {@code (L + j) mod capacity} (bank {@code (L+j) mod banks}, address
 *       {@code L/banks + (bank < L mod banks)}, wrapping in the bank).</li>
 *   <li><b>Column</b> (ActivationPath {@code from_lo}, {@code to_hi}, exact in index+1 bits): valid iff
 *       {@code x0 - COL_LO[kx] >= -j} and {@code COL_HI[kx] - x0 > j}. A lane whose row or column is
 *       invalid gets PAD_VALUE in every byte.</li>
 *   <li><b>Weights</b> (StepSequencer {@code w_base}, {@code w_addr}): bank o, address
 *       {@code WEIGHT_BASE + ocg*steps + (ky*KERNEL_W + kx)*IC_GROUPS + icg} modulo the bank depth,
 *       {@code steps = KERNEL_H*KERNEL_W*IC_GROUPS} (w_base jumps to the end of a group's steps).</li>
 *   <li><b>Accumulator</b> (ProcessingElement): int8 x int8 products summed exactly by the adder
 *       tree, added to an int32 accumulator with wrap-around ({@code addWrap}).</li>
 *   <li><b>Bias</b> (OutputPath {@code bias_addr}): bank o, address {@code (BIAS_BASE + ocg) mod
 *       biasDepth}.</li>
 *   <li><b>Output</b> (OutputPath): pixel x = {@code (xg*PP + j) mod 2^countBits} is written iff
 *       {@code x < OUT_COLS}, to the address of a counter that starts at OUT_BASE and counts the
 *       written pixels, modulo outputDepth; byte o is {@link PostProcessing#apply} of column o
 *       (PostProcessor is checked against it), built from the registers as RunDescriptor writes
 *       them. For {@code OUT_COLS <= PIX_GROUPS*PP} that is word
 *       {@code OUT_BASE + (ocg*OUT_ROWS + y)*OUT_COLS + x}.</li>
 *   <li><b>Partial sums</b> (OutputPath {@code psum_idx}, PostProcessor stage 2): the n-th sum of
 *       the run in exit order (tile by tile, lane j = 0..PP-1, tails included) meets entry
 *       {@code n mod psumDepth} of its column's bank. PSUM_MODE bit 0 adds the entry to the
 *       accumulator (int32, wrapping) before the bias; bit 1 writes the total back to the entry and
 *       suppresses every output word.</li>
 *   <li><b>Add operand</b> (TfliteRequantiser, REQUANT_MODE 2 on a {@code +tflite} engine): the
 *       entry is {@code RoundingDivideByPOT(SaturatingRoundingDoublingHighMul((acc + bias) << 20, m),
 *       max(-shift, 0))} plus, with PSUM_MODE bit 0, the entry's old value. Without PSUM_MODE bit 1
 *       (the RTL's bytes are then not meaningful) and for REQUANT_MODE 3 the run is not modelled.</li>
 * </ul>
 */
public final class ConvCore {
    private ConvCore() {}

    /** What a run did. */
    public record RunStats(long tiles, long steps, long wordsWritten) {}

    /**
     * Executes one run on {@code b}'s registers and buffers, writing its output words.
     *
     * @throws UnmodelledException for a descriptor the RTL cannot finish or whose post-processing
     *                             settings {@link PostProcessing} does not model
     */
    public static RunStats run(OnChipBuffers b) {
        DpuConfig c = b.config();
        EngineWidths w = b.widths();
        int pp = c.pp(), icp = c.icp(), ocp = c.ocp();
        long ocGroups = count(b, Register.OC_GROUPS, w);
        long outRows = count(b, Register.OUT_ROWS, w);
        long pixGroups = count(b, Register.PIX_GROUPS, w);
        long icGroups = count(b, Register.IC_GROUPS, w);
        int kh = kernel(b, Register.KERNEL_H), kw = kernel(b, Register.KERNEL_W);
        long outCols = b.register(Register.OUT_COLS);
        long inRows = b.register(Register.IN_ROWS);
        long rowOrigin = b.register(Register.ROW_ORIGIN), rowStep = b.register(Register.ROW_STEP),
                rowDilation = b.register(Register.ROW_DILATION);
        long slotMask = c.actCapacityWords() - 1;
        long addrRowOrigin = b.register(Register.ADDR_ROW_ORIGIN), addrRowStep = b.register(Register.ADDR_ROW_STEP),
                addrRowDilation = b.register(Register.ADDR_ROW_DILATION), addrIcStep = b.register(Register.ADDR_IC_STEP);
        long countMask = (1L << w.count()) - 1;
        long weightMask = c.weightBankDepth() - 1, biasMask = c.biasDepth() - 1, outMask = c.outputDepth() - 1;
        long steps = (long) kh * kw * icGroups;
        long weightBase = b.register(Register.WEIGHT_BASE), biasBase = b.register(Register.BIAS_BASE);
        byte pad = (byte) b.register(Register.PAD_VALUE);
        PostProcessing post = postProcessing(b);
        long[] colBase = new long[kw], colLo = new long[kw], colHi = new long[kw];
        for (int kx = 0; kx < kw; kx++) {
            colBase[kx] = b.register(Register.COL_BASE, kx);
            colLo[kx] = b.register(Register.COL_LO, kx);
            colHi[kx] = b.register(Register.COL_HI, kx);
        }

        byte[] act = b.activationArray(), out = b.outputArray();
        byte[][] weights = new byte[ocp][];
        for (int o = 0; o < ocp; o++) weights[o] = b.weightBank(o);
        int[][] acc = new int[pp][ocp];
        int[] laneBase = new int[pp]; // byte offset of each lane's word, or -1 for padding
        byte[] padWord = new byte[icp];
        java.util.Arrays.fill(padWord, pad);
        long outAddr = b.register(Register.OUT_BASE);
        long tiles = 0, written = 0;
        long psumMode = b.register(Register.PSUM_MODE);
        boolean addPsum = (psumMode & 1) != 0, keepPsum = (psumMode & 2) != 0;
        int psumMask = c.psumDepth() - 1;
        boolean operand = c.tflite() && b.register(Register.REQUANT_MODE) == RequantMode.ADD_OPERAND.code;
        if (c.tflite() && b.register(Register.REQUANT_MODE) > RequantMode.ADD_OPERAND.code) {
            throw new UnmodelledException("REQUANT_MODE = " + b.register(Register.REQUANT_MODE) + " is no requantisation mode");
        }
        if (operand && !keepPsum) {
            throw new UnmodelledException("REQUANT_MODE = 2 (an add operand's rescale) without PSUM_MODE bit 1: "
                    + "the rescaled sum is kept, not written");
        }
        int[][] psums = new int[ocp][];
        for (int o = 0; o < ocp; o++) psums[o] = b.psumBank(o);

        for (long ocg = 0; ocg < ocGroups; ocg++) {
            long wGroup = weightBase + ocg * steps;
            int biasAddr = (int) ((biasBase + ocg) & biasMask);
            for (long y = 0; y < outRows; y++) {
                long rowY = rowOrigin + y * rowStep;
                long addrRowY = addrRowOrigin + y * addrRowStep;
                for (long xg = 0; xg < pixGroups; xg++, tiles++) {
                    long x0 = (xg * pp) & countMask;
                    for (int[] a : acc) java.util.Arrays.fill(a, 0);
                    long k = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        long row = signed(rowY + ky * rowDilation, w.index());
                        boolean rowValid = row >= 0 && row < inRows;
                        long addrRow = addrRowY + ky * addrRowDilation;
                        for (int kx = 0; kx < kw; kx++) {
                            for (long icg = 0; icg < icGroups; icg++, k++) {
                                long slot = addrRow + icg * addrIcStep + colBase[kx] + x0;
                                for (int j = 0; j < pp; j++) {
                                    boolean inside = rowValid && x0 - colLo[kx] >= -j && colHi[kx] - x0 > j;
                                    laneBase[j] = inside ? (int) ((slot + j) & slotMask) * icp : -1;
                                }
                                int wAddr = (int) ((wGroup + k) & weightMask) * icp;
                                for (int o = 0; o < ocp; o++) {
                                    byte[] wb = weights[o];
                                    for (int j = 0; j < pp; j++) {
                                        byte[] a = laneBase[j] < 0 ? padWord : act;
                                        int from = laneBase[j] < 0 ? 0 : laneBase[j];
                                        int dot = 0;
                                        for (int i = 0; i < icp; i++) dot += a[from + i] * wb[wAddr + i];
                                        acc[j][o] += dot;
                                    }
                                }
                            }
                        }
                    }
                    for (int j = 0; j < pp; j++) {
                        int entry = (int) ((tiles * pp + j) & psumMask);
                        for (int o = 0; o < ocp; o++) {
                            if (operand) {
                                int total = addOperand(acc[j][o], b, o, biasAddr) + (addPsum ? psums[o][entry] : 0);
                                if (keepPsum) psums[o][entry] = total;
                                continue;
                            }
                            if (addPsum) acc[j][o] += psums[o][entry];
                            if (keepPsum) psums[o][entry] = acc[j][o];
                        }
                        long x = (xg * pp + j) & countMask;
                        if (keepPsum || x >= outCols) continue;
                        int word = (int) (outAddr & outMask) * ocp;
                        for (int o = 0; o < ocp; o++) {
                            out[word + o] = (byte) (post.multiplierMode() ? multiplierMode(post, acc[j][o], b, o, biasAddr)
                                    : post.apply(acc[j][o], b.bias(o, biasAddr)));
                        }
                        outAddr++;
                        written++;
                    }
                }
            }
        }
        return new RunStats(tiles, tiles * steps, written);
    }

    /**
     * The loop counts and addressing registers of a run, shared with {@link PoolCore} (the same
     * sequencer and activation path).
     */
    record Walk(long ocGroups, long outRows, long pixGroups, long icGroups, int kh, int kw, long outCols, long inRows,
                long rowOrigin, long rowStep, long rowDilation, long addrRowOrigin, long addrRowStep,
                long addrRowDilation, long addrIcStep, long[] colBase, long[] colLo, long[] colHi) {
        static Walk of(OnChipBuffers b) {
            EngineWidths w = b.widths();
            int kh = kernel(b, Register.KERNEL_H), kw = kernel(b, Register.KERNEL_W);
            long[] colBase = new long[kw], colLo = new long[kw], colHi = new long[kw];
            for (int kx = 0; kx < kw; kx++) {
                colBase[kx] = b.register(Register.COL_BASE, kx);
                colLo[kx] = b.register(Register.COL_LO, kx);
                colHi[kx] = b.register(Register.COL_HI, kx);
            }
            return new Walk(count(b, Register.OC_GROUPS, w), count(b, Register.OUT_ROWS, w),
                    count(b, Register.PIX_GROUPS, w), count(b, Register.IC_GROUPS, w), kh, kw,
                    b.register(Register.OUT_COLS), b.register(Register.IN_ROWS), b.register(Register.ROW_ORIGIN),
                    b.register(Register.ROW_STEP), b.register(Register.ROW_DILATION), b.register(Register.ADDR_ROW_ORIGIN),
                    b.register(Register.ADDR_ROW_STEP), b.register(Register.ADDR_ROW_DILATION),
                    b.register(Register.ADDR_IC_STEP), colBase, colLo, colHi);
        }
    }

    /** A loop count: the loop ends at {@code COUNT - 1} modulo the register width, so 0 means 2^width. */
    private static long count(OnChipBuffers b, Register r, EngineWidths w) {
        long v = b.register(r);
        return v == 0 ? 1L << r.width(w) : v;
    }

    /** KERNEL_H/W: the 4-bit tap counters reach KERNEL - 1 only for 1..16; otherwise the run never ends. */
    private static int kernel(OnChipBuffers b, Register r) {
        long v = b.register(r);
        if (v < 1 || v > DpuConfig.MAX_KERNEL) {
            throw new UnmodelledException(r + " = " + v + ": the core's tap counter never reaches it, the run would not finish");
        }
        return (int) v;
    }

    /** TFLite's requantisation of {@code acc} with column {@code o}'s bias, multiplier and shift (TfliteRequantiser). */
    private static int multiplierMode(PostProcessing post, int acc, OnChipBuffers b, int o, int biasAddr) {
        int scaled = TfliteRequant.multiplyByQuantizedMultiplier(acc + b.bias(o, biasAddr), b.multiplier(o, biasAddr),
                b.shift(o, biasAddr));
        return (int) Math.max(post.outMin(), Math.min(post.outMax(), (long) scaled + post.outZeroPoint()));
    }

    /** An add operand's rescale of {@code acc} with column {@code o}'s bias, multiplier and shift (TfliteRequantiser). */
    private static int addOperand(int acc, OnChipBuffers b, int o, int biasAddr) {
        int x = (acc + b.bias(o, biasAddr)) << RequantMode.ADD_OPERAND_LEFT_SHIFT;
        int high = TfliteRequant.saturatingRoundingDoublingHighMul(x, b.multiplier(o, biasAddr));
        return TfliteRequant.roundingDivideByPowerOfTwo(high, Math.max(-b.shift(o, biasAddr), 0));
    }

    /** The post-processing the registers describe, in the form RunDescriptor writes it. */
    static PostProcessing postProcessing(OnChipBuffers b) {
        long code = b.register(Register.ACTIVATION);
        ActivationKind kind = null;
        for (ActivationKind k : ActivationKind.values()) {
            if (k.code == code) kind = k;
        }
        try {
            return new PostProcessing(kind, (int) b.register(Register.BIAS_SHIFT), (int) b.register(Register.CUT_SHIFT),
                    (int) b.register(Register.RELU6_SHIFT), (int) b.register(Register.RELU6_OUT),
                    (int) b.register(Register.OUT_MIN), (int) b.register(Register.OUT_MAX),
                    (int) b.register(Register.PAD_VALUE), b.register(Register.REQUANT_MODE) == 1,
                    b.register(Register.REQUANT_MODE) == 1 ? (int) b.register(Register.OUT_ZERO_POINT) : 0);
        } catch (IllegalArgumentException e) {
            throw new UnmodelledException("post-processing registers outside the modelled range: " + e.getMessage());
        }
    }

    /** {@code v} modulo 2^bits, as a two's-complement number. */
    static long signed(long v, int bits) {
        long m = v & ((1L << bits) - 1);
        return (m >>> (bits - 1)) != 0 ? m - (1L << bits) : m;
    }
}
