package org.jdpu.compiler;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int8Tensor;

/**
 * Channel augmentation: rewrites a convolution into an equivalent one whose input channels are
 * (kernel column, channel) pairs, so a layer with few input channels (a first layer's 3) keeps the
 * ICP lanes busy. The host gathers, for every output column x' and kernel column kx, the input
 * column {@code x'*sw + kx*dw - pad_left}:
 *
 * <pre>
 *   X'[y, x', kx*IC + c]         = X[y, x'*sw + kx*dw - pad_left, c]   (the pad value outside the image)
 *   W'[o, ky, 0, kx*IC + c]      = W[o, ky, kx, c]
 *   kernel (KH, 1), stride (sh, 1), dilation (dh, 1), padding (top, 0, bottom, 0), width OW, IC' = KW*IC
 * </pre>
 *
 * Every output sums exactly the same products (reordered), so the int32 accumulators and the
 * requantised outputs are identical; only the reduction steps per tile change, from
 * {@code KH*KW*ceil(IC/ICP)} to {@code KH*ceil(KW*IC/ICP)}.
 */
public final class ChannelAugmentation {
    private ChannelAugmentation() {}

    /** The lowering {@code policy} picks for {@code g} on {@code c}, with the geometry the engine then runs. */
    public record Choice(Lowering lowering, ConvGeometry geometry) {}

    /**
     * Augments only where the cycle model predicts fewer total cycles than the direct mapping and
     * the augmented layer fits the engine (or where only the augmented layer fits). Total cycles,
     * not compute cycles: the augmented input is KW times larger, so its loads can cost more than
     * the compute it saves ({@link CycleModel#totalCycles}).
     *
     * @throws UnsupportedByEngineException if no allowed lowering fits the engine (the direct mapping's reason)
     */
    public static Choice choose(DpuConfig c, ConvGeometry g, Lowering.Policy policy) {
        Choice direct = new Choice(Lowering.DIRECT, g);
        if (policy == Lowering.Policy.DIRECT_ONLY || !changesAnything(g)) return direct;
        ConvGeometry augmented = geometry(g);
        long augmentedCycles;
        try {
            augmentedCycles = CycleModel.estimate(c, augmented).totalCycles();
        } catch (UnsupportedByEngineException e) {
            return direct;
        }
        long directCycles;
        try {
            directCycles = CycleModel.estimate(c, g).totalCycles();
        } catch (UnsupportedByEngineException e) {
            return new Choice(Lowering.AUGMENTED, augmented);
        }
        return augmentedCycles < directCycles ? new Choice(Lowering.AUGMENTED, augmented) : direct;
    }

    /** A 1-wide kernel with unit stride and no column padding is already its own augmentation. */
    private static boolean changesAnything(ConvGeometry g) {
        return g.kw() > 1 || g.sw() > 1 || g.padLeft() > 0 || g.padRight() > 0;
    }

    /** The augmented layer's shape. */
    public static ConvGeometry geometry(ConvGeometry g) {
        return new ConvGeometry(g.inH(), g.outW(), g.kw() * g.inC(), g.outC(), g.kh(), 1, g.sh(), 1, g.dh(), 1,
                g.padTop(), 0, g.padBottom(), 0);
    }

    /** The augmented layer's spec: the same quantisation and activation, the augmented window and input. */
    public static Conv2dSpec spec(Conv2dSpec s) {
        Window w = s.window();
        Padding p = w.padding();
        return new Conv2dSpec(new FeatureShape(s.input().h(), s.outputWidth(), w.kw() * s.input().c()),
                s.outputChannels(), new Window(w.kh(), 1, w.sh(), 1, w.dh(), 1, new Padding(p.top(), 0, p.bottom(), 0)),
                s.quant(), s.activation());
    }

    /** X': the input columns each output column's kernel columns read, side by side; {@code padValue} outside the image. */
    public static Int8Tensor input(Conv2dSpec s, Int8Tensor x, byte padValue) {
        Window w = s.window();
        int h = s.input().h(), width = s.input().w(), ic = s.input().c(), ow = s.outputWidth();
        int icOut = w.kw() * ic;
        byte[] src = x.data();
        byte[] dst = new byte[h * ow * icOut];
        for (int y = 0; y < h; y++) {
            for (int xo = 0; xo < ow; xo++) {
                for (int kx = 0; kx < w.kw(); kx++) {
                    int col = xo * w.sw() + kx * w.dw() - w.padding().left();
                    int to = (y * ow + xo) * icOut + kx * ic;
                    if (col >= 0 && col < width) {
                        System.arraycopy(src, (y * width + col) * ic, dst, to, ic);
                    } else {
                        java.util.Arrays.fill(dst, to, to + ic, padValue);
                    }
                }
            }
        }
        return new Int8Tensor(new int[] {1, h, ow, icOut}, dst);
    }

    /** W': OHWI weights [OC, KH, KW, IC] regrouped as [OC, KH, 1, KW*IC]. */
    public static Int8Tensor weights(Conv2dSpec s, Int8Tensor weights) {
        int[] shape = s.weightShape();
        // OHWI already stores kx-major, channel-minor within a kernel row: the bytes stay where they are.
        return new Int8Tensor(new int[] {shape[0], shape[1], 1, shape[2] * shape[3]}, weights.data().clone());
    }
}
