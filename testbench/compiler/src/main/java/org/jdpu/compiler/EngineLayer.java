package org.jdpu.compiler;

import org.jdpu.arch.ActivationKind;
import org.jdpu.arch.DpuConfig;
import org.jdpu.golden.TfliteRequant;
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
 * where layers the engine has no hardware for are turned away, with the reason.
 */
public record EngineLayer(Conv2dSpec spec, ConvGeometry geometry, PostProcessing post) {

    /**
     * @throws UnsupportedByEngineException for every operator, mode or activation the engine lacks
     */
    public static EngineLayer of(LayerSpec spec) {
        Conv2dSpec conv = switch (spec) {
            case Conv2dSpec c -> c;
            case DepthwiseConv2dSpec d -> throw unsupported("depthwise_conv2d (the engine computes conv2d with groups 1)");
            case DenseSpec f -> wholeMapConvolution(f);
            case PoolSpec p -> throw unsupported(p.op());
            case GlobalAvgPoolSpec g -> throw unsupported(g.op());
            case UpsampleSpec u -> throw unsupported(u.op());
            case SoftmaxSpec s -> throw new UnsupportedByEngineException("softmax runs on the host CPU, not on the engine "
                    + "(a DPU leaves it to the CPU); run it with the golden model after the engine's last layer");
            case AddSpec a -> throw unsupported("add");
            case ConcatSpec k -> throw unsupported("concat");
        };
        PostProcessing post = postProcessing(conv.quant(), conv.activation());
        Window w = conv.window();
        ConvGeometry g = new ConvGeometry(conv.input().h(), conv.input().w(), conv.input().c(), conv.outputChannels(),
                w.kh(), w.kw(), w.sh(), w.sw(), w.dh(), w.dw(),
                w.padding().top(), w.padding().left(), w.padding().bottom(), w.padding().right());
        if (g.outH() != conv.outputHeight() || g.outW() != conv.outputWidth()) {
            throw new IllegalStateException("output size disagrees with the spec: " + g.outH() + "x" + g.outW()
                    + " vs " + conv.outputHeight() + "x" + conv.outputWidth());
        }
        return new EngineLayer(conv, g, post);
    }

    /**
     * A dense layer as the convolution whose kernel is its whole input (the same weight bytes, OHWI
     * {@code [OC, H, W, C]}); refused when the map is larger than the core's kernel.
     */
    private static Conv2dSpec wholeMapConvolution(DenseSpec f) {
        int h = f.input().h(), w = f.input().w();
        if (h > org.jdpu.arch.DpuConfig.MAX_KERNEL || w > org.jdpu.arch.DpuConfig.MAX_KERNEL) {
            throw unsupported("dense (fully connected) on a " + h + "x" + w + " map (it runs as a convolution whose kernel "
                    + "is the whole map, at most " + org.jdpu.arch.DpuConfig.MAX_KERNEL + "x" + org.jdpu.arch.DpuConfig.MAX_KERNEL + ")");
        }
        return new Conv2dSpec(f.input(), f.outputChannels(), f.window(), f.quant(), f.activation());
    }

    /**
     * The post-processing settings of a layer with weights (a convolution, or a depthwise
     * convolution lowered to one), from its quant and activation.
     *
     * @throws UnsupportedByEngineException for a quant mode the engine does not requantise in
     */
    public static PostProcessing postProcessing(Quant quant, Activation a) {
        return switch (quant) {
            case Quant.ShiftQuant q -> postProcessing(q, a);
            case Quant.MultiplierQuant m -> {
                int[] range = TfliteRequant.activationRange(a, m.outputZeroPoint());
                yield PostProcessing.multiplier(m.inputZeroPoint(), m.outputZeroPoint(), range[0], range[1]);
            }
            default -> throw unsupported("quant mode " + quant.mode()
                    + " (the engine requantises in shift mode, and in multiplier mode with " + DpuConfig.TFLITE_SUFFIX + ")");
        };
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
