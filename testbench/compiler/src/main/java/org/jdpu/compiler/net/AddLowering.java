package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.Register;
import org.jdpu.arch.RequantMode;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunPlan;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Quant;

import java.util.ArrayList;
import java.util.List;

/**
 * How an elementwise {@code add} runs on the core: as a 1x1 convolution of two input-channel groups,
 * A's group g and B's group g, with diagonal weights {@code 2^shiftA} and {@code 2^shiftB}, so that
 * each output channel's accumulator is {@code (a << shiftA) + (b << shiftB)}, the aligned sum of the
 * golden model, and the post-processor applies the rounding, activation and saturation a
 * convolution gets (zero bias, {@code cut = F - fp_output} with {@code F = max(fp_input, fp_input_b)}).
 *
 * <p>The layer is walked as a convolution of 2G groups of input channels (A's G groups, then B's: both tensors
 * are stored in the activation buffer side by side, a concat by placement) and C output channels, but
 * planned by what it loads ({@link org.jdpu.arch.plan.RunPlanner#planSharedWeights}, {@link #WEIGHT_GROUPS}):
 * each output group holds only two weight rows, so
 * a run's output groups are not limited by 2G-group weights, and the runs go band by band with every
 * operand byte loaded once (a chunk-major order would reload both operands per output chunk); a
 * run of G output groups becomes G starts of one output group each, with IC_GROUPS = 2,
 * ADDR_ROW_ORIGIN moved to A's group g and ADDR_IC_STEP the distance from A's group g to B's. The
 * two diagonal weight words and a zero bias are the same for every group: one tiny LOAD per layer.
 * Output group g is input group g (see {@link OperatorLowering}; ICP > OCP is refused).
 *
 * <p>An alignment shift s above 6 (2^7 is no int8 weight) is spread over {@code t = 2^(s-6)} taps of
 * weight 64 that all read the same pixel: the walk's kernel becomes {@code KH x KW = t} (KW up to 16)
 * with every column table entry equal to the first and ROW_DILATION 0, and the other operand's
 * weight sits on the first tap only. Shifts up to 14 (256 taps) run so; larger ones are refused.
 * The layer is still planned as the 1x1 walk: only the group starts and the shared weights change.
 *
 * @param spec    the add as written
 * @param layer   the convolution walk (2C to C channels, 1x1) and its post-processing
 * @param params  the geometry of the weight image: one output group, two input groups, 1x1
 *
 * <p><b>TFLite's int8 add</b> ({@code multiplier} mode, a {@code +tflite} engine) rounds each rescaled
 * operand before the sum, so it is three starts per output group, each a 1x1 convolution of one
 * input group with identity weights (IC_GROUPS = 1) and the partial-sum bank carrying the int32 sum:
 * <ol>
 *   <li>A's group, REQUANT_MODE 2 (add operand), PSUM_MODE 2 (keep): bias {@code -zp_a}, multiplier
 *       and shift A's, so the bank keeps {@code MultiplyByQuantizedMultiplier((a - zp_a) << 20)};</li>
 *   <li>B's group, REQUANT_MODE 2, PSUM_MODE 3 (add and keep): bias {@code -zp_b}, B's multiplier and
 *       shift, so the bank keeps the sum of both rescaled operands;</li>
 *   <li>zero weights, REQUANT_MODE 1, PSUM_MODE 1 (add): bias 0, the output multiplier and shift,
 *       OUT_ZERO_POINT and the activation's clamp requantise the kept sum to int8.</li>
 * </ol>
 * The weight image has three output groups (identity, identity, zero), selected by WEIGHT_BASE and
 * BIAS_BASE, loaded once per layer with their biases, multipliers and shifts. A start's sums must fit
 * the partial-sum bank, so runs are split by rows (and columns) until they do ({@link #fitted}).
 *
 * @param weights the weight image's OHWI tensor: {@code [OCP, 1, 1, 2*ICP]}, two diagonals (output
 *                channels beyond ICP all zero); for TFLite's add {@code [3*OCP, 1, 1, ICP]}
 * @param rescale TFLite's add: the three starts' biases, multipliers and shifts; null in shift mode
 */
public record AddLowering(AddSpec spec, EngineLayer layer, ConvGeometry params, byte[] weights, TfliteStages rescale)
        implements OperatorLowering {
    /**
     * The per-start constants of TFLite's add, the same for every channel: start k's bias,
     * multiplier and shift (operand A, operand B, output).
     */
    public record TfliteStages(int[] bias, int[] multiplier, int[] shift) {
        /** Starts per output group. */
        public static final int STARTS = 3;
        /** The start whose weights are zero: it only requantises the kept sum. */
        public static final int OUTPUT = 2;

        static TfliteStages of(AddSpec.TfliteAddQuant q) {
            return new TfliteStages(new int[] {-q.inputZeroPoint(), -q.inputBZeroPoint(), 0},
                    new int[] {q.inputMultiplier(), q.inputBMultiplier(), q.outputMultiplier()},
                    new int[] {q.inputShift(), q.inputBShift(), q.outputShift()});
        }
    }

    /** Largest alignment shift of one tap: the weight {@code 2^shift} must be an int8. */
    public static final int MAX_SHIFT = 6;
    /** Input-channel groups whose weights one output group holds: A's group g and B's. */
    public static final int WEIGHT_GROUPS = 2;
    /** Largest alignment shift spread over repeated taps of weight 2^MAX_SHIFT: 256 taps, the core's largest kernel. */
    public static final int MAX_SPREAD_SHIFT = MAX_SHIFT + 8;

    /** @throws UnsupportedByEngineException for a configuration or fix points the engine cannot add */
    public static AddLowering of(DpuConfig c, AddSpec a) {
        OperatorLowering.requireGroupsFit(c, "add");
        if (a.quant() instanceof AddSpec.TfliteAddQuant t) return tflite(c, a, t);
        AddSpec.AddQuant q = (AddSpec.AddQuant) a.quant();
        int fine = Math.max(q.fpInput(), q.fpInputB());
        int shiftA = fine - q.fpInput(), shiftB = fine - q.fpInputB();
        int shift = Math.max(shiftA, shiftB);
        if (shift > MAX_SPREAD_SHIFT) {
            throw new UnsupportedByEngineException("add of inputs whose fix points differ by " + shift
                    + " is not supported by the engine (at most " + MAX_SPREAD_SHIFT + ": 2^" + shift
                    + " needs more than 256 taps of weight 2^" + MAX_SHIFT + ")");
        }
        int taps = shift <= MAX_SHIFT ? 1 : 1 << (shift - MAX_SHIFT);
        int kw = Math.min(taps, DpuConfig.MAX_KERNEL), kh = taps / kw;
        if (2 * taps > c.weightBankDepth() / 2) {
            throw new UnsupportedByEngineException("add of inputs whose fix points differ by " + shift + " needs "
                    + 2 * taps + " weight rows, more than half of " + c.name() + "'s weight bank (" + c.weightBankDepth() + ")");
        }
        PostProcessing post = EngineLayer.postProcessing(new Quant.ShiftQuant(fine, 0, fine, q.fpOutput()), a.activation());
        FeatureShape in = a.input();
        int p = c.icp(), groups = (in.c() + p - 1) / p;
        // A's groups, then B's: 2G whole groups, so that B's group g is G groups after A's; one
        // output group per input group.
        ConvGeometry g = new ConvGeometry(in.h(), in.w(), 2 * groups * p, groups * c.ocp(), 1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        ConvGeometry params = new ConvGeometry(kh, kw, 2 * p, c.ocp(), kh, kw, 1, 1, 1, 1, 0, 0, 0, 0);
        byte[] w = new byte[c.ocp() * taps * 2 * p];
        for (int o = 0; o < p; o++) {
            for (int t = 0; t < taps; t++) {
                int at = (o * taps + t) * 2 * p;
                w[at + o] = tapWeight(shiftA, taps, t);
                w[at + p + o] = tapWeight(shiftB, taps, t);
            }
        }
        return new AddLowering(a, new EngineLayer(null, g, post), params, w, null);
    }

    /** TFLite's int8 add: three starts per output group through the partial-sum bank (see the type's comment). */
    private static AddLowering tflite(DpuConfig c, AddSpec a, AddSpec.TfliteAddQuant q) {
        if (!c.tflite()) {
            throw new UnsupportedByEngineException("add in multiplier mode (TFLite int8) needs an engine with the "
                    + DpuConfig.TFLITE_SUFFIX + " option, e.g. " + c.baseName() + DpuConfig.TFLITE_SUFFIX + "; "
                    + c.name() + " requantises in shift mode only");
        }
        int[] range = org.jdpu.golden.TfliteRequant.activationRange(a.activation(), q.outputZeroPoint());
        PostProcessing post = PostProcessing.multiplier(q.inputZeroPoint(), q.outputZeroPoint(), range[0], range[1]);
        FeatureShape in = a.input();
        int p = c.icp(), ocp = c.ocp(), groups = (in.c() + p - 1) / p;
        ConvGeometry g = new ConvGeometry(in.h(), in.w(), 2 * groups * p, groups * ocp, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        int starts = TfliteStages.STARTS;
        ConvGeometry params = new ConvGeometry(1, 1, p, starts * ocp, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        byte[] w = new byte[starts * ocp * p];
        for (int k = 0; k < starts; k++) {
            if (k == TfliteStages.OUTPUT) continue;
            for (int o = 0; o < p; o++) w[(k * ocp + o) * p + o] = 1;
        }
        return new AddLowering(a, new EngineLayer(null, g, post), params, w, TfliteStages.of(q));
    }

    /**
     * The weight of tap {@code t} of {@code taps} for an operand aligned by {@code shift}: an unshifted
     * operand (or a single tap) has its whole {@code 2^shift} on tap 0; a shifted one spread over
     * several taps has {@code 2^shift / taps} on each.
     */
    static byte tapWeight(int shift, int taps, int t) {
        if (taps == 1 || shift == 0) return (byte) (t == 0 ? 1 << shift : 0);
        return (byte) (1 << (shift - Integer.numberOfTrailingZeros(taps)));
    }

    @Override
    public SharedWeights sharedWeights() {
        if (rescale == null) return new SharedWeights(params, weights);
        int ocp = params.outC() / TfliteStages.STARTS, n = params.outC();
        int[] bias = new int[n], requant = new int[2 * n];
        for (int ch = 0; ch < n; ch++) {
            int k = ch / ocp;
            bias[ch] = rescale.bias()[k];
            requant[ch] = rescale.multiplier()[k];
            requant[n + ch] = rescale.shift()[k];
        }
        return new SharedWeights(params, weights, bias, requant);
    }

    /**
     * TFLite's add: the planner's runs split, by rows and then by columns, until one start's sums
     * (rows x whole tiles of PP lanes) fit the partial-sum bank, so no entry is used twice.
     */
    @Override
    public RunPlan fitted(DpuConfig c, RunPlan plan) {
        if (rescale == null) return plan;
        int depth = c.psumDepth(), pp = c.pp();
        List<Run> runs = new ArrayList<>();
        for (Run r : plan.runs()) {
            int lanes = (r.outCols() + pp - 1) / pp * pp;
            int cols = lanes <= depth ? r.outCols() : depth / pp * pp;
            int rows = Math.max(1, Math.min(r.outRows(), depth / ((cols + pp - 1) / pp * pp)));
            for (int y = r.oy0(); y < r.oy1(); y += rows) {
                int y1 = Math.min(r.oy1(), y + rows);
                for (int x = r.ox0(); x < r.ox1(); x += cols) {
                    int x1 = Math.min(r.ox1(), x + cols);
                    // a 1x1 walk without padding or stride: the stored input is the output's own pixels
                    runs.add(new Run(y, y1, x, x1, r.ocg0(), r.ocg1(), y, y1, x, x1));
                }
            }
        }
        return new RunPlan(plan.config(), plan.geometry(), runs);
    }

    /**
     * TFLite's add: group {@code group}'s three starts (operand A kept, operand B added and kept,
     * the kept sum requantised), each from the shift-mode add's writes with IC_GROUPS = 1.
     */
    @Override
    public List<List<RegisterWrite>> groupStarts(DpuConfig c, List<RegisterWrite> conv, Run run, int group) {
        if (rescale == null) return List.of(groupWrites(c, conv, run, group));
        EngineWidths wd = EngineWidths.of(c);
        long capacity = c.actCapacityWords();
        long rowWidth = PoolLowering.value(conv, Register.ADDR_IC_STEP);
        long words = (long) run.outRows() * run.outCols();
        int[] requantMode = {RequantMode.ADD_OPERAND.code, RequantMode.ADD_OPERAND.code, RequantMode.MULTIPLIER.code};
        int[] psumMode = {2, 3, 1};
        List<List<RegisterWrite>> starts = new ArrayList<>();
        for (int k = 0; k < TfliteStages.STARTS; k++) {
            // operand B's group g is G groups after A's; the output start reads A's (its weights are zero)
            long operandGroup = run.ocg0() + group + (k == 1 ? groups(c) : 0);
            int kk = k;
            List<RegisterWrite> out = new ArrayList<>();
            for (RegisterWrite rw : conv) {
                long v = switch (rw.register()) {
                    case OC_GROUPS, IC_GROUPS -> 1;
                    case ADDR_ROW_ORIGIN -> Math.floorMod(rw.value() + operandGroup * rowWidth, capacity);
                    case OUT_BASE -> rw.value() + group * words;
                    case WEIGHT_BASE, BIAS_BASE -> rw.value() + kk;
                    case REQUANT_MODE -> requantMode[kk];
                    default -> rw.value();
                };
                out.add(OperatorLowering.rewritten(rw, v, wd));
            }
            out.add(new RegisterWrite(Register.PSUM_MODE, 0, psumMode[k]));
            starts.add(out);
        }
        return starts;
    }

    public ConvGeometry geometry() {
        return layer.geometry();
    }

    /** Channel groups of each input. */
    public int groups(DpuConfig c) {
        return (spec.input().c() + c.icp() - 1) / c.icp();
    }

    /**
     * The register writes of group {@code group} (0-based inside the run) of a run whose convolution
     * descriptor is {@code conv}: one output group, A's group {@code ocg0 + group} and B's, the
     * group's output words, the shared weights and bias.
     */
    @Override
    public List<RegisterWrite> groupWrites(DpuConfig c, List<RegisterWrite> conv, Run run, int group) {
        EngineWidths wd = EngineWidths.of(c);
        long capacity = c.actCapacityWords();
        long rowWidth = PoolLowering.value(conv, Register.ADDR_IC_STEP);
        long words = (long) run.outRows() * run.outCols();
        List<RegisterWrite> out = new ArrayList<>();
        for (RegisterWrite rw : conv) {
            long v = switch (rw.register()) {
                case OC_GROUPS -> 1;
                case IC_GROUPS -> 2;
                case ADDR_IC_STEP -> Math.floorMod(groups(c) * rowWidth, capacity);
                case ADDR_ROW_ORIGIN -> Math.floorMod(rw.value() + (run.ocg0() + group) * rowWidth, capacity);
                case OUT_BASE -> rw.value() + group * words;
                case KERNEL_H -> params.kh();
                case KERNEL_W -> params.kw();
                // Repeated taps of one pixel: every kernel row reads the same stored row.
                case ROW_DILATION, ADDR_ROW_DILATION -> params.kh() > 1 ? 0 : rw.value();
                default -> rw.value();
            };
            out.add(OperatorLowering.rewritten(rw, v, wd));
            // ... and every kernel column the same stored column.
            if (rw.register().tableSize() > 1) {
                for (int kx = 1; kx < params.kw(); kx++) out.add(new RegisterWrite(rw.register(), kx, rw.value()));
            }
        }
        return out;
    }

    @Override
    public int outputChannels() {
        return spec.input().c();
    }

    @Override
    public boolean setsPoolMode() {
        return false;
    }

    /**
     * The core's cycles for one run: one start per output-channel group, two steps a tile per tap;
     * TFLite's add three starts of one step a tile.
     */
    @Override
    public long runCycles(DpuConfig c, Run run) {
        long tiles = (long) run.outRows() * run.pixelGroups(c.pp());
        if (rescale != null) return run.ocGroups() * TfliteStages.STARTS * CycleModel.runCycles(c, tiles, 1);
        return run.ocGroups() * CycleModel.runCycles(c, tiles, params.stepsPerTile(c));
    }

    /** The post-processing of the aligned sum, for tests. */
    public PostProcessing post() {
        return layer.post();
    }
}
