package org.jdpu.compiler.net;

import org.jdpu.arch.ActivationKind;
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
import org.jdpu.spec.UpsampleSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * How a nearest-neighbour upsample runs: the core copies the input once (a 1x1 convolution with
 * identity weights, no shift and no activation, so each output word is the input pixel's channels
 * unchanged) and the SAVE engine writes every output word {@code FH x FW} times, one SAVE per
 * output group and replica {@code (dy, dx)}: DDR steps {@code FW} pixels and {@code FH} rows,
 * starting at output pixel {@code (FH*y0 + dy, FW*x0 + dx)}. So the upsampled map is never
 * computed, only addressed; the core's work is the input's size.
 *
 * <p>The walk is planned as a convolution of C input channels with one output group per input
 * group (see {@link OperatorLowering}; ICP > OCP is refused); the identity weight word and a zero
 * bias serve every group: one small LOAD per layer, as for an add.
 *
 * @param spec    the upsample as written
 * @param layer   the copy: an H x W, 1x1 convolution walk and its identity post-processing
 * @param params  the geometry of the weight image: one output group, one input group, 1x1
 * @param weights the weight image's OHWI tensor {@code [OCP, 1, 1, ICP]}: the identity (banks beyond ICP zero)
 */
public record UpsampleLowering(UpsampleSpec spec, EngineLayer layer, ConvGeometry params, byte[] weights)
        implements OperatorLowering {

    /** @throws UnsupportedByEngineException for a configuration whose groups do not fit an output word */
    public static UpsampleLowering of(DpuConfig c, UpsampleSpec u) {
        OperatorLowering.requireGroupsFit(c, u.op());
        // cut = fp_in + fp_w - fp_out = 0 and a zero bias: the accumulator x * 1 is the output.
        PostProcessing post = PostProcessing.shift(0, 0, 0, 0, ActivationKind.NONE, -128, 127);
        int p = c.icp(), groups = (u.input().c() + p - 1) / p;
        ConvGeometry g = new ConvGeometry(u.input().h(), u.input().w(), u.input().c(), groups * c.ocp(), 1, 1, 1, 1, 1, 1,
                0, 0, 0, 0);
        ConvGeometry params = new ConvGeometry(1, 1, p, c.ocp(), 1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        byte[] w = new byte[c.ocp() * p];
        for (int o = 0; o < p; o++) w[o * p + o] = 1;
        return new UpsampleLowering(u, new EngineLayer(null, g, post), params, w);
    }

    @Override
    public SharedWeights sharedWeights() {
        return new SharedWeights(params, weights);
    }

    /** Output rows and columns per input row and column. */
    public int factorH() {
        return spec.factorH();
    }

    public int factorW() {
        return spec.factorW();
    }

    /**
     * The register writes of group {@code group} (0-based inside the run) of a run whose convolution
     * descriptor is {@code conv}: one group in and out, the rows of input group {@code ocg0 + group},
     * the group's output words, the shared identity weights and bias.
     */
    @Override
    public List<RegisterWrite> groupWrites(DpuConfig c, List<RegisterWrite> conv, Run run, int group) {
        EngineWidths wd = EngineWidths.of(c);
        long capacity = c.actCapacityWords();
        long icStep = PoolLowering.value(conv, Register.ADDR_IC_STEP);
        long words = (long) run.outRows() * run.outCols();
        List<RegisterWrite> out = new ArrayList<>();
        for (RegisterWrite rw : conv) {
            long v = switch (rw.register()) {
                case OC_GROUPS, IC_GROUPS -> 1;
                case ADDR_ROW_ORIGIN -> Math.floorMod(rw.value() + (run.ocg0() + group) * icStep, capacity);
                case OUT_BASE -> rw.value() + group * words;
                default -> rw.value();
            };
            out.add(OperatorLowering.rewritten(rw, v, wd));
        }
        return out;
    }

    /** The core's cycles for one run: one copy start per output group, one step a tile. */
    @Override
    public long runCycles(DpuConfig c, Run run) {
        long tiles = (long) run.outRows() * run.pixelGroups(c.pp());
        return run.ocGroups() * CycleModel.runCycles(c, tiles, 1);
    }

    @Override
    public boolean setsPoolMode() {
        return false;
    }

    @Override
    public int outputChannels() {
        return spec.input().c();
    }
}
