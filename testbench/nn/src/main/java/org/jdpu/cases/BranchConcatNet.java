package org.jdpu.cases;

import org.jdpu.spec.Activation;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A small inception-style graph of conv2d layers: {@code stem} (3x3, 16 channels) feeds two
 * branches, {@code a} (3x3, 48 channels) and {@code b} (1x1, 13 channels); {@code cat} joins them
 * (61 channels); {@code side} (1x1) reads branch {@code a} and is a network output; {@code head}
 * (3x3, stride 2) reads the concat and is the last layer. Branch {@code a}'s 48 channels are whole
 * channel groups of every preset whose ICP = OCP divides 48 (8, 12, 16), so the concat is done by
 * placement there. Fix points chain, the two branches write at one; tensors are drawn from a seed.
 *
 * @param spec     the network
 * @param input    the network input, {@code [1, size, size, 3]}
 * @param operands per layer, its weights and bias (all null for the concat)
 */
public record BranchConcatNet(NetworkSpec spec, Int8Tensor input, List<Operands> operands) {
    /** Channels of branch {@code a}, the concat's first source. */
    public static final int BRANCH_A_CHANNELS = 48;

    /** @param size input height and width */
    public static BranchConcatNet of(int size, long seed) {
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<Operands> ops = new ArrayList<>();
        Conv2dSpec stem = conv(size, 3, 16, 3, 1, 4, null);
        int fp = fpOutput(stem);
        Conv2dSpec a = conv(size, 16, BRANCH_A_CHANNELS, 3, 1, fp, null);
        Conv2dSpec b = conv(size, 16, 13, 1, 1, fp, fpOutput(a));
        ConcatSpec cat = new ConcatSpec(List.of(a.output(), b.output()));
        Conv2dSpec side = conv(size, BRANCH_A_CHANNELS, 10, 1, 1, fpOutput(a), null);
        Conv2dSpec head = conv(size, cat.outputChannels(), 32, 3, 2, fpOutput(a), null);
        add(layers, ops, seed, "stem", stem, NetworkSpec.INPUT, false);
        add(layers, ops, seed, "a", a, "stem", false);
        add(layers, ops, seed, "b", b, "stem", false);
        layers.add(new NetworkSpec.Layer("cat", cat, null, null, List.of("a", "b"), false));
        ops.add(new Operands(null, null, null));
        add(layers, ops, seed, "side", side, "a", true);
        add(layers, ops, seed, "head", head, "cat", false);
        return new BranchConcatNet(new NetworkSpec(null, layers), ops.getFirst().input(), ops);
    }

    private static void add(List<NetworkSpec.Layer> layers, List<Operands> ops, long seed, String name, LayerSpec spec,
                            String input, boolean output) {
        Conv2dSpec conv = (Conv2dSpec) spec;
        ops.add(LayerCase.draw(name, seed + layers.size(), conv, LayerCase.Weights.REALISTIC).operands());
        layers.add(new NetworkSpec.Layer(name, spec, null, null, List.of(input), output));
    }

    /** A k x k conv with "same" padding on a {@code size}-square input, at fix point {@code fp} in; {@code fpOut} forces the output's. */
    private static Conv2dSpec conv(int size, int ic, int oc, int k, int stride, int fp, Integer fpOut) {
        ShiftQuant rq = LayerCase.realisticQuant(k, k, ic);
        int out = fpOut != null ? fpOut : rq.fpOutput() - rq.fpInput() + fp;
        ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, out);
        int p = (k - 1) / 2;
        Conv2dSpec s = LayerCase.conv(size, size, ic, oc, k, k, stride, stride, 1, 1, new Padding(p, p, k - 1 - p, k - 1 - p),
                q, Activation.RELU);
        LayerChecks.validate(s);
        return s;
    }

    private static int fpOutput(Conv2dSpec s) {
        return ((ShiftQuant) s.quant()).fpOutput();
    }
}
