package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.Register;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
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
 * @param weights the weight image's OHWI tensor: {@code [OCP, 1, 1, 2*ICP]}, two diagonals (output
 *                channels beyond ICP all zero)
 */
public record AddLowering(AddSpec spec, EngineLayer layer, ConvGeometry params, byte[] weights) implements OperatorLowering {
    /** Largest alignment shift of one tap: the weight {@code 2^shift} must be an int8. */
    public static final int MAX_SHIFT = 6;
    /** Input-channel groups whose weights one output group holds: A's group g and B's. */
    public static final int WEIGHT_GROUPS = 2;
    /** Largest alignment shift spread over repeated taps of weight 2^MAX_SHIFT: 256 taps, the core's largest kernel. */
    public static final int MAX_SPREAD_SHIFT = MAX_SHIFT + 8;

    /** @throws UnsupportedByEngineException for a configuration or fix points the engine cannot add */
    public static AddLowering of(DpuConfig c, AddSpec a) {
        OperatorLowering.requireGroupsFit(c, "add");
        if (!(a.quant() instanceof AddSpec.AddQuant q)) {
            // TFLite rescales each operand with its own rounding before the sum and again after it; the
            // engine's add is one convolution with a single requantisation, which cannot round twice.
            throw new UnsupportedByEngineException("add in " + a.quant().mode() + " mode is not supported by the engine: "
                    + "TFLite's int8 add rounds each rescaled operand before summing (two-stage rescale), which the "
                    + "engine's single requantisation of a diagonal convolution cannot reproduce exactly");
        }
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
        return new AddLowering(a, new EngineLayer(null, g, post), params, w);
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
        return new SharedWeights(params, weights);
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

    /** The core's cycles for one run: one start per output-channel group, two steps a tile per tap. */
    @Override
    public long runCycles(DpuConfig c, Run run) {
        long tiles = (long) run.outRows() * run.pixelGroups(c.pp());
        return run.ocGroups() * CycleModel.runCycles(c, tiles, params.stepsPerTile(c));
    }

    /** The post-processing of the aligned sum, for tests. */
    public PostProcessing post() {
        return layer.post();
    }
}
