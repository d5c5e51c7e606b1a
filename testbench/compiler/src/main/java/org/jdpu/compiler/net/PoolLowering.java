package org.jdpu.compiler.net;

import org.jdpu.arch.ActivationKind;
import org.jdpu.arch.DpuConfig;
import org.jdpu.golden.TfliteRequant;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.PoolDivisor;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.Register;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.golden.DpuAverage;
import org.jdpu.spec.Activation;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * How a max or average pool runs on the core: as a convolution walk (POOL_MODE set) whose taps the
 * pool unit reduces instead of the processing elements. The layer is planned as a convolution of
 * C input and C output channels with the pool's window (dilation 1), so runs, their stored input,
 * its LOADs and the SAVEs of the output groups are a convolution's; no weights or biases are loaded.
 * A run of G output-channel groups becomes G pool starts, group g walking only input group g of
 * the stored rows (ADDR_ROW_ORIGIN moved by g row widths, one input and one output group each) and
 * writing its own part of the run's output. A pool whose channel groups do not all fit the
 * activation buffer at once is planned channel-wise ({@code RunPlanner.planChannelwise}): each run
 * stores only the input groups of its output groups.
 *
 * <p>Padding taps are -128 for a max pool (never the maximum) and 0 for an average pool (they count
 * as 0, and the divisor is the whole kernel area); relu and clamp become OUT_MIN and OUT_MAX.
 * Output group g is input group g (see {@link OperatorLowering}); ICP > OCP is refused.
 *
 * <p>A global average pool ({@code global_avgpool}, shift mode) is a pool whose window is the whole
 * map (at most 16x16, the core's kernel limit) with the DPU's multiply-and-shift in place of the
 * exact division ({@code DpuAverage}, the same constants Vitis AI assumes).
 *
 * @param spec    the pool as written (a {@link PoolSpec} or a {@link GlobalAvgPoolSpec})
 * @param layer   the convolution walk: geometry and the post-processing registers the pool uses
 * @param divisor an average's scaling (AVG_MUL, AVG_ADD), null for a max pool
 */
public record PoolLowering(LayerSpec spec, EngineLayer layer, PoolDivisor divisor) implements OperatorLowering {

    /** @throws UnsupportedByEngineException for a configuration or window the engine cannot pool */
    public static PoolLowering of(DpuConfig c, PoolSpec p) {
        Window w = p.window();
        if (w.dh() != 1 || w.dw() != 1) throw new UnsupportedByEngineException(p.op() + " with dilation is not supported");
        boolean max = p.kind() == PoolSpec.Kind.MAX;
        PoolDivisor divisor = max ? null : PoolDivisor.exact(w.kh() * w.kw());
        return switch (p.quant()) {
            case PoolQuant.ShiftPool s -> of(c, p, w, divisor, false, null);
            case PoolQuant.TflitePool t -> {
                // TFLite divides by the window's in-image taps: with padding, groupStarts splits each
                // group into starts whose windows share one count.
                if (!max && !c.tflite()) {
                    throw new UnsupportedByEngineException(p.op() + " in tflite mode (rounding half away from zero) needs an "
                            + "engine with the " + DpuConfig.TFLITE_SUFFIX + " option, e.g. " + c.baseName() + DpuConfig.TFLITE_SUFFIX);
                }
                yield of(c, p, w, divisor, !max, TfliteRequant.activationRange(p.activation(), t.zeroPoint()));
            }
            default -> throw new UnsupportedByEngineException(p.op() + " in " + p.quant().mode()
                    + " mode is not supported by the engine yet");
        };
    }

    /** @throws UnsupportedByEngineException for a mode or a map the engine cannot average */
    public static PoolLowering of(DpuConfig c, GlobalAvgPoolSpec p) {
        if (!(p.quant() instanceof PoolQuant.ShiftPool)) {
            throw new UnsupportedByEngineException(p.op() + " in " + p.quant().mode() + " mode is not supported by the engine yet");
        }
        int h = p.input().h(), w = p.input().w();
        if (h > DpuConfig.MAX_KERNEL || w > DpuConfig.MAX_KERNEL) {
            throw new UnsupportedByEngineException(p.op() + " of a " + h + "x" + w + " map is not supported by the engine yet "
                    + "(its window is the core's kernel, at most " + DpuConfig.MAX_KERNEL + "x" + DpuConfig.MAX_KERNEL + ")");
        }
        DpuAverage dpu = DpuAverage.of(h, w);
        return of(c, p, new Window(h, w, 1, 1, 1, 1, Padding.NONE), PoolDivisor.scaled(dpu.multiplier(), dpu.shift()),
                false, null);
    }

    /**
     * @param roundAway a TFLite average: REQUANT_MODE = 1 makes the pool unit round ties away from zero
     * @param range     TFLite's activation range [min, max], null for the shift-mode clamp
     */
    private static PoolLowering of(DpuConfig c, LayerSpec p, Window w, PoolDivisor divisor, boolean roundAway, int[] range) {
        OperatorLowering.requireGroupsFit(c, p.op());
        int lo = -128, hi = 127;
        switch (p.activation()) {
            case Activation.None n -> { }
            case Activation.Relu r -> lo = 0;
            case Activation.Clamp k -> {
                lo = k.min();
                hi = k.max();
            }
            case Activation.Relu6 r -> throw new UnsupportedByEngineException(p.op() + " with relu6");
            case Activation.LeakyRelu l -> throw new UnsupportedByEngineException(p.op() + " with leaky_relu");
        }
        if (range != null) {
            lo = range[0];
            hi = range[1];
        }
        int pad = divisor == null ? -128 : 0;
        PostProcessing post = new PostProcessing(ActivationKind.NONE, 0, 0, 0, 0, lo, hi, pad, roundAway, 0);
        int ch = p.input().c(), groups = (ch + c.icp() - 1) / c.icp();
        // One output group per input group.
        ConvGeometry g = new ConvGeometry(p.input().h(), p.input().w(), ch, groups * c.ocp(), w.kh(), w.kw(), w.sh(), w.sw(), 1, 1,
                w.padding().top(), w.padding().left(), w.padding().bottom(), w.padding().right());
        if (g.outH() != p.outputHeight() || g.outW() != p.outputWidth()) {
            throw new IllegalStateException("pool output size disagrees with the spec");
        }
        return new PoolLowering(p, new EngineLayer(null, g, post), divisor);
    }

    /**
     * The configuration a pool is planned on: {@code c} with the largest weight and bias banks, since
     * a pool holds no weights or biases, so that only the activation and output buffers limit its runs.
     */
    public static DpuConfig planning(DpuConfig c) {
        return c.withBuffers(c.actBankDepth(), DpuConfig.MAX_DEPTH, c.outputDepth(), DpuConfig.MAX_DEPTH);
    }

    public ConvGeometry geometry() {
        return layer.geometry();
    }

    /**
     * The register writes of group {@code group} (0-based inside the run) of a run whose convolution
     * descriptor is {@code conv}: one channel group in and out, the rows of input group
     * {@code ocg0 + group} (the stored input holds every group) and the group's output words, the
     * pool mode and the divisor.
     */
    @Override
    public List<RegisterWrite> groupWrites(DpuConfig c, List<RegisterWrite> conv, Run run, int group) {
        EngineWidths wd = EngineWidths.of(c);
        long capacity = c.actCapacityWords();
        long icStep = value(conv, Register.ADDR_IC_STEP);
        long words = (long) run.outRows() * run.outCols();
        List<RegisterWrite> out = new ArrayList<>();
        // A channel-wise run (Run.sliced) stores only its own groups, from its first one.
        int stored = run.sliced() ? group : run.ocg0() + group;
        for (RegisterWrite rw : conv) {
            if (rw.register() == Register.PSUM_MODE) continue; // a pool keeps no partial sums
            long v = switch (rw.register()) {
                case OC_GROUPS, IC_GROUPS -> 1;
                case ADDR_ROW_ORIGIN -> Math.floorMod(rw.value() + stored * icStep, capacity);
                case OUT_BASE -> rw.value() + group * words;
                default -> rw.value();
            };
            out.add(OperatorLowering.rewritten(rw, v, wd));
        }
        out.add(new RegisterWrite(Register.POOL_MODE, 0, divisor != null ? 3 : 1));
        if (divisor != null) {
            out.add(new RegisterWrite(Register.AVG_ADD, 0, divisor.add()));
            out.add(new RegisterWrite(Register.AVG_MUL, 0, divisor.multiplier()));
        }
        return out;
    }

    /**
     * True for a TFLite average pool with padding: the divisor is each window's count of in-image
     * taps, which changes near the edges, so a group's output is split into starts of one count each.
     */
    public boolean dividesByInImageTaps() {
        return spec instanceof PoolSpec p && p.kind() == PoolSpec.Kind.AVG && p.quant() instanceof PoolQuant.TflitePool
                && !p.window().padding().equals(Padding.NONE);
    }

    /**
     * One start of a group: output rows [r0, r0 + rows) and columns [c0, c0 + cols) of the run
     * (run-relative), every window of which holds {@code taps} in-image taps.
     */
    record Start(int r0, int rows, int c0, int cols, int taps) {}

    /**
     * The starts of one group of {@code run}, in order. Without in-image divisors: the whole run.
     * With them: for each band of consecutive output rows whose windows keep the same number of
     * in-image rows, one start over the band's full width with the count of its widest band of
     * columns, then, for each other band of columns, one start per row (a start's output words are
     * contiguous, so a partial-width start covers one row); these later starts overwrite the edge
     * words the full-width start wrote with the wrong divisor.
     */
    List<Start> starts(Run run) {
        ConvGeometry g = geometry();
        if (!dividesByInImageTaps()) return List.of(new Start(0, run.outRows(), 0, run.outCols(), g.kh() * g.kw()));
        List<int[]> rowBands = bands(run.oy0(), run.outRows(), g.sh(), g.padTop(), g.inH(), g.kh());
        List<int[]> colBands = bands(run.ox0(), run.outCols(), g.sw(), g.padLeft(), g.inW(), g.kw());
        int widest = 0;
        for (int i = 1; i < colBands.size(); i++) if (colBands.get(i)[1] > colBands.get(widest)[1]) widest = i;
        List<Start> out = new ArrayList<>();
        for (int[] rb : rowBands) {
            out.add(new Start(rb[0], rb[1], 0, run.outCols(), rb[2] * colBands.get(widest)[2]));
            for (int i = 0; i < colBands.size(); i++) {
                if (i == widest) continue;
                int[] cb = colBands.get(i);
                for (int r = rb[0]; r < rb[0] + rb[1]; r++) out.add(new Start(r, 1, cb[0], cb[1], rb[2] * cb[2]));
            }
        }
        return out;
    }

    /**
     * Bands of consecutive outputs [o0, o0 + n) (absolute o0, bands run-relative) whose windows hold the
     * same number of in-image taps along one axis: {start, length, taps} each.
     */
    private static List<int[]> bands(int o0, int n, int stride, int pad, int size, int kernel) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int first = (o0 + i) * stride - pad;
            int taps = Math.min(size, first + kernel) - Math.max(0, first);
            if (!out.isEmpty() && out.getLast()[2] == taps) out.getLast()[1]++;
            else out.add(new int[] {i, 1, taps});
        }
        return out;
    }

    /**
     * The group's starts: {@link #groupWrites} moved to each {@link Start}'s rows and columns (row
     * origins, column tables, output address, loop counts) with the start's divisor.
     */
    @Override
    public List<List<RegisterWrite>> groupStarts(DpuConfig c, List<RegisterWrite> conv, Run run, int group) {
        List<RegisterWrite> whole = groupWrites(c, conv, run, group);
        List<Start> starts = starts(run);
        if (!dividesByInImageTaps()) return List.of(whole);
        EngineWidths wd = EngineWidths.of(c);
        long capacity = c.actCapacityWords();
        long rowStep = value(whole, Register.ROW_STEP), addrRowStep = value(whole, Register.ADDR_ROW_STEP);
        List<List<RegisterWrite>> out = new ArrayList<>();
        for (Start s : starts) {
            PoolDivisor d = PoolDivisor.exact(s.taps());
            List<RegisterWrite> writes = new ArrayList<>();
            for (RegisterWrite rw : whole) {
                long v = switch (rw.register()) {
                    case OUT_ROWS -> s.rows();
                    case OUT_COLS -> s.cols();
                    case PIX_GROUPS -> (s.cols() + c.pp() - 1) / c.pp();
                    case ROW_ORIGIN -> rw.value() + s.r0() * rowStep;
                    case ADDR_ROW_ORIGIN -> Math.floorMod(rw.value() + s.r0() * addrRowStep, capacity);
                    case COL_BASE -> Math.floorMod(rw.value() + s.c0(), capacity);
                    case COL_LO, COL_HI -> rw.value() - s.c0();
                    case OUT_BASE -> rw.value() + (long) s.r0() * run.outCols() + s.c0();
                    case AVG_ADD -> d.add();
                    case AVG_MUL -> d.multiplier();
                    default -> rw.value();
                };
                writes.add(OperatorLowering.rewritten(rw, v, wd));
            }
            out.add(writes);
        }
        return out;
    }

    @Override
    public int outputChannels() {
        return spec.input().c();
    }

    @Override
    public boolean setsPoolMode() {
        return true;
    }

    /** The core's cycles for one run: one pool start per output-channel group (or its {@link #starts}). */
    @Override
    public long runCycles(DpuConfig c, Run run) {
        long perGroup = 0;
        for (Start s : starts(run)) {
            perGroup += CycleModel.runCycles(c, (long) s.rows() * ((s.cols() + c.pp() - 1) / c.pp()), geometry().kh() * geometry().kw());
        }
        return run.ocGroups() * perGroup;
    }

    static long value(List<RegisterWrite> writes, Register r) {
        for (RegisterWrite rw : writes) {
            if (rw.register() == r) return rw.value();
        }
        throw new IllegalStateException(r + " is not written");
    }
}
