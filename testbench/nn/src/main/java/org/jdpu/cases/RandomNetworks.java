package org.jdpu.cases;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.SpecException;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Constrained-random chains of conv2d layers for network regressions: one to five layers, each with
 * a kernel of 1..5 (rectangular now and then), stride 1..3, dilation now and then, independent
 * padding per side, channel counts that are rarely multiples of anything and every activation; fix
 * points chain from layer to layer. Everything follows from the seed.
 *
 * @param spec     the network
 * @param input    its input
 * @param operands per layer, its weights and bias (only the first layer's input is the network's)
 */
public record RandomNetworks(NetworkSpec spec, Int8Tensor input, List<Operands> operands) {

    public static RandomNetworks draw(long seed) {
        RandomGenerator r = new Well19937c(seed);
        int h = 4 + r.nextInt(21), w = 4 + r.nextInt(29), c = 1 + r.nextInt(r.nextInt(3) == 0 ? 48 : 16);
        int layers = 1 + r.nextInt(5);
        List<NetworkSpec.Layer> specs = new ArrayList<>();
        List<Operands> ops = new ArrayList<>();
        int fp = 4;
        Int8Tensor first = null;
        for (int i = 0; i < layers; i++) {
            Conv2dSpec s = null;
            for (int attempt = 0; s == null; attempt++) {
                Conv2dSpec candidate = layer(r, h, w, c, fp);
                try {
                    LayerChecks.validate(candidate);
                    s = candidate;
                } catch (SpecException e) {
                    if (attempt > 100) throw new IllegalStateException("cannot draw a valid layer from seed " + seed, e);
                }
            }
            String name = "conv" + (i + 1);
            Operands o = LayerCase.draw(name, seed * 31 + i, s, LayerCase.Weights.REALISTIC).operands();
            if (i == 0) first = o.input();
            specs.add(new NetworkSpec.Layer(name, s, null, null, null));
            ops.add(o);
            h = s.outputHeight();
            w = s.outputWidth();
            c = s.outputChannels();
            fp = ((ShiftQuant) s.quant()).fpOutput();
        }
        return new RandomNetworks(new NetworkSpec(null, specs), first, ops);
    }

    private static Conv2dSpec layer(RandomGenerator r, int h, int w, int c, int fp) {
        int kh = 1 + r.nextInt(Math.min(5, h + 2)), kw = r.nextInt(3) == 0 ? 1 + r.nextInt(Math.min(5, w + 2)) : kh;
        int stride = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
        int dil = r.nextInt(6) == 0 ? 2 : 1;
        int spanH = (kh - 1) * dil + 1, spanW = (kw - 1) * dil + 1;
        Padding pad = new Padding(r.nextInt(spanH), r.nextInt(spanW), r.nextInt(spanH), r.nextInt(spanW));
        int oc = 1 + r.nextInt(r.nextInt(4) == 0 ? 64 : 24);
        ShiftQuant rq = LayerCase.realisticQuant(kh, kw, c);
        ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
        Activation act = switch (r.nextInt(4)) {
            case 0 -> Activation.NONE;
            case 1 -> Activation.RELU;
            case 2 -> Activation.RELU6;
            default -> Activation.LEAKY_RELU;
        };
        return LayerCase.conv(h, w, c, oc, kh, kw, stride, stride, dil, dil, pad, q, act);
    }
}
