package org.jdpu.cases;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Constrained-random chains that mix convolutions with the other engine operators, for network
 * regressions: two to five stages, each a "same"-padded convolution (kernel 1..3, so the shape
 * stays), then now and then a residual add of the stage's input (operand B an earlier layer, fix
 * points up to 3 apart) and now and then a max or average pool (kernel 1..4, stride 1..3,
 * asymmetric padding below the kernel, none, relu or clamp); at the end, now and then a global
 * average pool of a map up to 16x16. Everything follows from the seed.
 */
public final class RandomOperatorNetworks {
    private RandomOperatorNetworks() {}

    public static RandomNetworks draw(long seed) {
        RandomGenerator r = new Well19937c(seed);
        FeatureShape in = new FeatureShape(4 + r.nextInt(17), 4 + r.nextInt(21), 1 + r.nextInt(24));
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<Operands> ops = new ArrayList<>();
        Int8Tensor first = null;
        int fp = 4;
        String previous = NetworkSpec.INPUT;
        int stages = 2 + r.nextInt(4);
        for (int i = 0; i < stages; i++) {
            boolean residual = i > 0 && r.nextInt(2) == 0;
            Conv2dSpec conv = same(r, in, residual ? in.c() : 1 + r.nextInt(24), fp);
            String name = "conv" + (i + 1);
            Operands o = LayerCase.draw(name, seed * 31 + i, conv, LayerCase.Weights.REALISTIC).operands();
            if (first == null) first = o.input();
            add(layers, ops, name, conv, o, null);
            int fpConv = ((ShiftQuant) conv.quant()).fpOutput();
            FeatureShape out = conv.output();
            if (residual && Math.abs(fpConv - fp) <= 3) {
                AddSpec res = new AddSpec(out, new AddSpec.AddQuant(fpConv, fp, Math.min(fpConv, fp)),
                        r.nextBoolean() ? Activation.RELU : Activation.NONE);
                add(layers, ops, "add" + (i + 1), res, new Operands(null, null, null), previous);
                fpConv = Math.min(fpConv, fp);
            }
            fp = fpConv;
            in = out;
            if (r.nextInt(2) == 0) {
                PoolSpec pool = pool(r, in);
                if (pool != null) {
                    add(layers, ops, "pool" + (i + 1), pool, new Operands(null, null, null), null);
                    in = pool.output();
                }
            }
            previous = layers.getLast().name();
        }
        if (in.h() <= 16 && in.w() <= 16 && r.nextInt(3) == 0) {
            add(layers, ops, "gap", new GlobalAvgPoolSpec(in, PoolQuant.SHIFT, Activation.NONE), new Operands(null, null, null),
                    null);
        }
        return new RandomNetworks(new NetworkSpec(null, layers), first, ops);
    }

    private static void add(List<NetworkSpec.Layer> layers, List<Operands> ops, String name, LayerSpec spec, Operands o,
                            String inputB) {
        LayerChecks.validate(spec);
        layers.add(new NetworkSpec.Layer(name, spec, null, null, inputB));
        ops.add(o);
    }

    /** A "same"-padded convolution with a kernel of 1..3: the output has the input's height and width. */
    private static Conv2dSpec same(RandomGenerator r, FeatureShape in, int oc, int fp) {
        int kh = 1 + r.nextInt(3), kw = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : kh;
        int top = r.nextInt(kh), left = r.nextInt(kw);
        Padding pad = new Padding(top, left, kh - 1 - top, kw - 1 - left);
        ShiftQuant rq = LayerCase.realisticQuant(kh, kw, in.c());
        ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
        Activation act = r.nextBoolean() ? Activation.RELU : Activation.NONE;
        return LayerCase.conv(in.h(), in.w(), in.c(), oc, kh, kw, 1, 1, 1, 1, pad, q, act);
    }

    /** A random pool that fits {@code in}, or null. */
    private static PoolSpec pool(RandomGenerator r, FeatureShape in) {
        int kh = 1 + r.nextInt(Math.min(4, in.h())), kw = 1 + r.nextInt(Math.min(4, in.w()));
        int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
        Padding pad = new Padding(r.nextInt(kh), r.nextInt(kw), r.nextInt(kh), r.nextInt(kw));
        Activation act = switch (r.nextInt(3)) {
            case 0 -> Activation.NONE;
            case 1 -> Activation.RELU;
            default -> new Activation.Clamp(-60, 70);
        };
        PoolSpec p = new PoolSpec(r.nextBoolean() ? PoolSpec.Kind.MAX : PoolSpec.Kind.AVG, in,
                new Window(kh, kw, sh, sw, 1, 1, pad), act);
        return p.outputHeight() >= 1 && p.outputWidth() >= 1 ? p : null;
    }
}
