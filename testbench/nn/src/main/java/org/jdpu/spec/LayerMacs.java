package org.jdpu.spec;

/**
 * Multiply-accumulates of a layer, the measure published network sizes are given in ("GMACs"):
 * one per weight tap per output value of a convolution, depthwise convolution or dense layer; none
 * for pools, adds, concats, upsampling and softmax, whose work is not multiplications by weights.
 */
public final class LayerMacs {
    private LayerMacs() {}

    /** The layer's MACs. */
    public static long of(LayerSpec spec) {
        return switch (spec) {
            case Conv2dSpec c -> outputs(c) * c.window().kh() * c.window().kw() * c.input().c();
            case DepthwiseConv2dSpec d -> outputs(d) * d.window().kh() * d.window().kw();
            case DenseSpec d -> (long) d.outputChannels() * d.inputFeatures();
            default -> 0;
        };
    }

    /** The MACs of every layer of {@code net}. */
    public static long of(NetworkSpec net) {
        return net.layers().stream().mapToLong(l -> of(l.spec())).sum();
    }

    private static long outputs(LayerSpec s) {
        return (long) s.outputHeight() * s.outputWidth() * s.outputChannels();
    }
}
