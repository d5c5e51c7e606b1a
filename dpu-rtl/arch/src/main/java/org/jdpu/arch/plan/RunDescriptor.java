package org.jdpu.arch.plan;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.Register;
import org.jdpu.arch.UnsupportedByEngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * The register values that make the engine execute one {@link Run}: loop bounds, the row and
 * column address arithmetic of the activation layout, and the post-processing settings.
 */
public final class RunDescriptor {
    private final List<RegisterWrite> writes = new ArrayList<>();
    private final ActivationLayout layout;

    private RunDescriptor(ActivationLayout layout) {
        this.layout = layout;
    }

    /** The activation layout of the run's stored input. */
    public ActivationLayout layout() {
        return layout;
    }

    /** Every register write, in address order (CTRL excluded). */
    public List<RegisterWrite> writes() {
        return List.copyOf(writes);
    }

    /** Value of a scalar register. */
    public long value(Register r) {
        return value(r, 0);
    }

    public long value(Register r, int index) {
        for (RegisterWrite w : writes) {
            if (w.register() == r && w.index() == index) return w.value();
        }
        throw new IllegalArgumentException(r + "[" + index + "] is not part of the descriptor");
    }

    /** Scalar registers every descriptor writes: OUT_ROWS through OUT_BASE. */
    private static final int SCALAR_WRITES = 26;
    /** Tables with one entry per kernel column: COL_BASE, COL_LO, COL_HI. */
    private static final int TABLE_WRITES = 3;

    /** How many register writes {@link #of} makes on {@code c} for a run of a layer of geometry {@code g}. */
    public static int writeCount(DpuConfig c, ConvGeometry g) {
        // +tflite: REQUANT_MODE and OUT_ZERO_POINT
        return SCALAR_WRITES + (c.tflite() ? 2 : 0) + TABLE_WRITES * g.kw();
    }

    /** How many register writes {@link #of} makes for {@code run}: one more (PSUM_MODE) when it is sliced. */
    public static int writeCount(DpuConfig c, ConvGeometry g, Run run) {
        return writeCount(c, g) + (run.sliced() ? 1 : 0);
    }

    public static ActivationLayout layoutOf(DpuConfig c, ConvGeometry g, Run run) {
        return new ActivationLayout(run.inRows(), run.inCols(), run.icGroups(c, g), g.sw(), c.actBanks());
    }

    /**
     * @throws UnsupportedByEngineException when an index of the run does not fit the engine's counters
     */
    public static RunDescriptor of(DpuConfig c, ConvGeometry g, Run run, PostProcessing post) {
        return of(c, g, run, post, BufferBases.ZERO);
    }

    /**
     * The descriptor of a run whose stored input, weights, biases and output start at {@code bases}
     * (one half of double-buffered banks, say) instead of at address 0.
     *
     * @throws UnsupportedByEngineException when an index of the run does not fit the engine's counters
     */
    public static RunDescriptor of(DpuConfig c, ConvGeometry g, Run run, PostProcessing post, BufferBases bases) {
        EngineWidths w = EngineWidths.of(c);
        ActivationLayout layout = layoutOf(c, g, run);
        RunDescriptor d = new RunDescriptor(layout);
        long capacity = c.actCapacityWords();
        long rowSlots = (long) layout.icGroups() * layout.rowWidth();

        d.put(w, Register.OUT_ROWS, run.outRows());
        d.put(w, Register.OUT_COLS, run.outCols());
        d.put(w, Register.PIX_GROUPS, run.pixelGroups(c.pp()));
        d.put(w, Register.OC_GROUPS, run.ocGroups());
        d.put(w, Register.KERNEL_H, g.kh());
        d.put(w, Register.KERNEL_W, g.kw());
        d.put(w, Register.IC_GROUPS, layout.icGroups());
        d.put(w, Register.IN_ROWS, run.inRows());
        long rowOrigin = (long) run.oy0() * g.sh() - g.padTop() - run.iy0();
        d.put(w, Register.ROW_ORIGIN, rowOrigin);
        d.put(w, Register.ROW_STEP, g.sh());
        d.put(w, Register.ROW_DILATION, g.dh());
        d.put(w, Register.ADDR_ROW_ORIGIN, Math.floorMod(bases.slot() + rowOrigin * rowSlots, capacity));
        d.put(w, Register.ADDR_ROW_STEP, Math.floorMod(g.sh() * rowSlots, capacity));
        d.put(w, Register.ADDR_ROW_DILATION, Math.floorMod(g.dh() * rowSlots, capacity));
        d.put(w, Register.ADDR_IC_STEP, Math.floorMod(layout.rowWidth(), capacity));
        d.put(w, Register.PAD_VALUE, post.padValue());
        d.put(w, Register.BIAS_SHIFT, post.biasShift());
        d.put(w, Register.CUT_SHIFT, post.cutShift());
        d.put(w, Register.ACTIVATION, post.activation().code);
        d.put(w, Register.RELU6_SHIFT, post.relu6Shift());
        d.put(w, Register.RELU6_OUT, post.relu6Out());
        d.put(w, Register.OUT_MIN, post.outMin());
        d.put(w, Register.OUT_MAX, post.outMax());
        if (c.tflite()) {
            d.put(w, Register.REQUANT_MODE, post.multiplierMode() ? 1 : 0);
            d.put(w, Register.OUT_ZERO_POINT, post.outZeroPoint());
        } else if (post.multiplierMode()) {
            throw new UnsupportedByEngineException("the multiplier (TFLite int8) mode needs an engine with the "
                    + DpuConfig.TFLITE_SUFFIX + " option, e.g. " + c.baseName() + DpuConfig.TFLITE_SUFFIX + "; "
                    + c.name() + " requantises in shift mode only");
        }
        d.put(w, Register.WEIGHT_BASE, bases.weight());
        d.put(w, Register.BIAS_BASE, bases.bias());
        d.put(w, Register.OUT_BASE, bases.output());
        // Only sliced runs write PSUM_MODE (0 after reset): unsliced descriptors keep their length.
        if (run.sliced()) d.put(w, Register.PSUM_MODE, run.psumMode(c, g));

        // The row index the sequencer walks: ROW_ORIGIN + y*ROW_STEP + ky*ROW_DILATION.
        d.requireIndex(w, "last stored-row index",
                rowOrigin + (long) (run.outRows() - 1) * g.sh() + (long) (g.kh() - 1) * g.dh());

        long colOrigin = (long) run.ox0() * g.sw() - g.padLeft() - run.ix0();
        long lastX0 = (long) (run.pixelGroups(c.pp()) - 1) * c.pp();
        for (int kx = 0; kx < g.kw(); kx++) {
            long col = colOrigin + (long) kx * g.dw();
            int phase = (int) Math.floorMod(col, (long) g.sw());
            long shift = Math.floorDiv(col, (long) g.sw());
            int count = layout.phaseCount(phase);
            d.tableEntry(w, Register.COL_BASE, kx, Math.floorMod(layout.phaseOffset(phase) + shift, capacity));
            d.tableEntry(w, Register.COL_LO, kx, -shift);
            d.tableEntry(w, Register.COL_HI, kx, count - shift);
            // The column sequencer compares x0 against these: x0 - lo and hi - x0 must not overflow.
            d.requireIndex(w, "column offset", lastX0 + shift);
            d.requireIndex(w, "column offset", count - shift);
            d.requireIndex(w, "column offset", -shift);
        }
        return d;
    }

    private void put(EngineWidths w, Register r, long v) {
        tableEntry(w, r, 0, v);
    }

    private void tableEntry(EngineWidths w, Register r, int index, long v) {
        if (!r.fits(v, w)) {
            throw new UnsupportedByEngineException(r + " = " + v + " does not fit the engine's "
                    + r.width(w) + "-bit register; the layer is too large for this configuration");
        }
        Register.ValueRange allowed = r.allowed(w);
        if (allowed != null && !allowed.contains(v)) {
            throw new UnsupportedByEngineException(r + " = " + v + " is outside " + allowed
                    + ", the values the engine accepts for it");
        }
        writes.add(new RegisterWrite(r, index, v));
    }

    private void requireIndex(EngineWidths w, String what, long v) {
        if (!Register.IN_ROWS.fits(v, w) || !Register.IN_ROWS.fits(-v, w)) {
            throw new UnsupportedByEngineException(what + " " + v + " exceeds the engine's " + w.index()
                    + "-bit index range; the layer's padding or dilation is too large for this configuration");
        }
    }
}
