package org.jdpu.compiler;

import org.jdpu.arch.ActivationKind;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.spec.Window;

/**
 * A layer as the engine runs it: its geometry and its post-processing settings. Building one is
 * where layers the engine has no hardware for are turned away, with the reason; a dense layer
 * becomes the convolution over its whole input map.
 */
public record EngineLayer(Conv2dSpec spec, ConvGeometry geometry, PostProcessing post) {

    /**
     * @throws UnsupportedByEngineException for every operator, mode or activation the engine lacks
     */
    public static EngineLayer of(LayerSpec spec) {
        Conv2dSpec conv = switch (spec) {
            case Conv2dSpec c -> c;
            case DepthwiseConv2dSpec d -> throw unsupported("depthwise_conv2d (the engine computes conv2d with groups 1)");
            case DenseSpec f -> wholeMap(f);
            case PoolSpec p -> throw unsupported(p.op());
            case GlobalAvgPoolSpec g -> throw unsupported(g.op());
            case UpsampleSpec u -> throw unsupported(u.op());
            case SoftmaxSpec s -> throw new UnsupportedByEngineException("softmax runs on the host CPU, not on the engine "
                    + "(a DPU leaves it to the CPU); run it with the golden model after the engine's last layer");
            case AddSpec a -> throw unsupported("add");
            case ConcatSpec k -> throw unsupported("concat");
        };
        if (!(conv.quant() instanceof Quant.ShiftQuant q)) {
            throw unsupported("quant mode " + conv.quant().mode() + " (the engine requantises in shift mode)");
        }
        Window w = conv.window();
        ConvGeometry g = new ConvGeometry(conv.input().h(), conv.input().w(), conv.input().c(), conv.outputChannels(),
                w.kh(), w.kw(), w.sh(), w.sw(), w.dh(), w.dw(),
                w.padding().top(), w.padding().left(), w.padding().bottom(), w.padding().right());
        if (g.outH() != conv.outputHeight() || g.outW() != conv.outputWidth()) {
            throw new IllegalStateException("output size disagrees with the spec: " + g.outH() + "x" + g.outW()
                    + " vs " + conv.outputHeight() + "x" + conv.outputWidth());
        }
        return new EngineLayer(conv, g, postProcessing(q, conv.activation()));
    }

    /**
     * A dense layer as the convolution whose kernel is its whole input map (no padding, one output
     * pixel): its {@code [OC, H*W*C]} weights are the same bytes as the convolution's OHWI ones.
     * The engine's kernels are at most 16x16, so the map must be too.
     */
    static Conv2dSpec wholeMap(DenseSpec f) {
        int max = org.jdpu.arch.DpuConfig.MAX_KERNEL;
        if (f.input().h() > max || f.input().w() > max) {
            throw new UnsupportedByEngineException("dense over a " + f.input().h() + "x" + f.input().w()
                    + " map is not supported (it runs as a convolution over the whole map, whose kernel is at most "
                    + max + "x" + max + ")");
        }
        return new Conv2dSpec(f.input(), f.outputChannels(), f.window(), f.quant(), f.activation());
    }

    /** The post-processing settings of a shift-mode layer with activation {@code a}. */
    public static PostProcessing postProcessing(Quant.ShiftQuant q, Activation a) {
        ActivationKind act;
        int lo = -128, hi = 127;
        switch (a) {
            case Activation.None n -> act = ActivationKind.NONE;
            case Activation.Relu r -> act = ActivationKind.RELU;
            case Activation.Relu6 r -> act = ActivationKind.RELU6;
            case Activation.LeakyRelu l -> act = ActivationKind.LEAKY_RELU;
            case Activation.Clamp c -> {
                act = ActivationKind.NONE;
                lo = c.min();
                hi = c.max();
            }
        }
        return PostProcessing.shift(q.fpInput(), q.fpWeights(), q.fpBias(), q.fpOutput(), act, lo, hi);
    }

    private static UnsupportedByEngineException unsupported(String what) {
        return new UnsupportedByEngineException(what + " is not supported by the engine yet");
    }
}
