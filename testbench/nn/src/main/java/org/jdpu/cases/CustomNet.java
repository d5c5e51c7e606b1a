package org.jdpu.cases;

import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed CustomNet in full: conv 5x5 32 + maxpool 4x4, conv 5x5 64 + maxpool 4x4, conv 5x5 128 +
 * maxpool 4x4, dense 128 with relu, dense 10 (batch normalisation folded into the convolutions).
 * The dense layers are convolutions over the whole map they read (the first one's kernel is the last
 * pool's output, 3x3 at 224, so it reads the flattened HWC vector), which is what a dense layer is.
 * Fix points chain (pools keep theirs); tensors are drawn from a seed with realistic magnitudes.
 *
 * @param spec     the network
 * @param input    the network input
 * @param operands per layer, its weights and bias (null for the pools; the {@code input} of each is
 *                 unused except the first's)
 */
public record CustomNet(NetworkSpec spec, Int8Tensor input, List<Operands> operands) {

    /** @param size input height and width (224 for CustomNet; at least 64) */
    public static CustomNet of(int size, long seed) {
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<Operands> ops = new ArrayList<>();
        FeatureShape in = new FeatureShape(size, size, 3);
        int fp = 4;
        Int8Tensor first = null;
        int[] widths = {32, 64, 128};
        for (int i = 0; i < widths.length; i++) {
            Conv2dSpec conv = conv(in, widths[i], 5, 2, fp, Activation.RELU);
            Operands o = LayerCase.draw("conv" + (i + 1), seed + i, conv, LayerCase.Weights.REALISTIC).operands();
            if (i == 0) first = o.input();
            add(layers, ops, "conv" + (i + 1), conv, o);
            fp = ((ShiftQuant) conv.quant()).fpOutput();
            PoolSpec pool = new PoolSpec(PoolSpec.Kind.MAX, conv.output(), new Window(4, 4, 4, 4, 1, 1, Padding.NONE),
                    Activation.NONE);
            add(layers, ops, "pool" + (i + 1), pool, new Operands(null, null, null));
            in = pool.output();
        }
        Conv2dSpec dense1 = conv(in, 128, in.h(), 0, fp, Activation.RELU);
        add(layers, ops, "dense1", dense1, LayerCase.draw("dense1", seed + 3, dense1, LayerCase.Weights.REALISTIC).operands());
        fp = ((ShiftQuant) dense1.quant()).fpOutput();
        Conv2dSpec dense2 = conv(dense1.output(), 10, 1, 0, fp, Activation.NONE);
        add(layers, ops, "dense2", dense2, LayerCase.draw("dense2", seed + 4, dense2, LayerCase.Weights.REALISTIC).operands());
        return new CustomNet(new NetworkSpec(null, layers), first, ops);
    }

    /** Multiply-accumulates of one frame (the convolutions and dense layers; pools have none). */
    public long macs() {
        long sum = 0;
        for (NetworkSpec.Layer l : spec.layers()) {
            if (l.spec() instanceof Conv2dSpec c) {
                sum += (long) c.outputHeight() * c.outputWidth() * c.outputChannels() * c.window().taps() * c.input().c();
            }
        }
        return sum;
    }

    private static Conv2dSpec conv(FeatureShape in, int oc, int k, int pad, int fp, Activation act) {
        ShiftQuant rq = LayerCase.realisticQuant(k, k, in.c());
        ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
        return LayerCase.conv(in.h(), in.w(), in.c(), oc, k, k, 1, 1, 1, 1, new Padding(pad, pad, pad, pad), q, act);
    }

    private static void add(List<NetworkSpec.Layer> layers, List<Operands> ops, String name, LayerSpec spec, Operands o) {
        layers.add(new NetworkSpec.Layer(name, spec, null, null, null));
        ops.add(o);
    }
}
