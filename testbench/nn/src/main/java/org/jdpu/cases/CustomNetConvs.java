package org.jdpu.cases;

import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed CustomNet's three 5x5 convolutions (224x224x3 -> 32 -> 64 -> 128) as one chain that
 * needs no pooling: the second and third convolutions take stride 4 where CustomNet pools by 4,
 * so every layer has CustomNet's output shape and MACs (conv1 224x224x32, conv2 56x56x64, conv3
 * 14x14x128). Fix points chain; tensors are drawn from a seed with realistic magnitudes.
 *
 * @param spec     the network
 * @param input    the network input
 * @param operands per layer, its weights and bias (the {@code input} of each is unused except the first's)
 */
public record CustomNetConvs(NetworkSpec spec, org.jdpu.tensor.Int8Tensor input, List<Operands> operands) {

    /**
     * The three convolutions as CustomNet has them, each its own one-layer network with the input
     * size it has there (N, N/4, N/16; stride 1): what runs between its pools.
     */
    public static List<CustomNetConvs> layers(int size, long seed) {
        int[][] layers = {{size, 3, 32}, {size / 4, 32, 64}, {size / 16, 64, 128}};
        List<CustomNetConvs> out = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            int hw = layers[i][0], ic = layers[i][1], oc = layers[i][2];
            Conv2dSpec s = LayerCase.conv(hw, hw, ic, oc, 5, 5, 1, 1, 1, 1, new Padding(2, 2, 2, 2),
                    LayerCase.realisticQuant(5, 5, ic), Activation.RELU);
            String name = "conv" + (i + 1);
            Operands o = LayerCase.draw(name, seed + i, s, LayerCase.Weights.REALISTIC).operands();
            out.add(new CustomNetConvs(new NetworkSpec(null, List.of(new NetworkSpec.Layer(name, s, null, null, null))),
                    o.input(), List.of(o)));
        }
        return out;
    }

    /** @param size input height and width (224 for CustomNet; a multiple of 16 keeps the shapes exact) */
    public static CustomNetConvs of(int size, long seed) {
        int[][] layers = {{3, 32, 1}, {32, 64, 4}, {64, 128, 4}};
        List<NetworkSpec.Layer> specs = new ArrayList<>();
        List<Operands> ops = new ArrayList<>();
        int hw = size, fp = 4;
        org.jdpu.tensor.Int8Tensor first = null;
        for (int i = 0; i < layers.length; i++) {
            int ic = layers[i][0], oc = layers[i][1], stride = layers[i][2];
            ShiftQuant rq = LayerCase.realisticQuant(5, 5, ic);
            ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
            Conv2dSpec s = LayerCase.conv(hw, hw, ic, oc, 5, 5, stride, stride, 1, 1, new Padding(2, 2, 2, 2), q,
                    Activation.RELU);
            String name = "conv" + (i + 1);
            Operands o = LayerCase.draw(name, seed + i, s, LayerCase.Weights.REALISTIC).operands();
            if (i == 0) first = o.input();
            specs.add(new NetworkSpec.Layer(name, s, null, null, null));
            ops.add(o);
            hw = s.outputHeight();
            fp = q.fpOutput();
        }
        return new CustomNetConvs(new NetworkSpec(null, specs), first, ops);
    }
}
