package org.jdpu.golden;

import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.Quant.NoQuant;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;

import java.util.List;

/**
 * The golden INT8 model: what every engine output is compared with. Plain Java, independent of the
 * RTL, bit-exact with the Vitis AI fix-point scheme ({@code shift}) and the TFLite reference kernels
 * ({@code multiplier}); semantics in testbench/README.md.
 */
public final class Golden {
    private Golden() {}

    /**
     * Runs one layer. Convolutions and dense layers take weights and an optional bias (null = zeros);
     * pools take neither. Returns an {@link Int8Tensor} {@code [1, OH, OW, OC]}, or an {@link Int32Tensor} in
     * quant mode {@code none}. Use {@link #add} for {@code add} layers.
     *
     * @throws org.jdpu.spec.SpecException if the spec is invalid or a tensor does not fit it
     */
    public static Tensor run(LayerSpec spec, Int8Tensor input, Int8Tensor weights, Int32Tensor bias) {
        if (spec instanceof AddSpec || spec instanceof ConcatSpec) {
            throw new IllegalArgumentException(spec.op() + " takes several inputs; call Golden." + spec.op());
        }
        LayerChecks.validate(spec);
        LayerChecks.checkOperands(spec, input, weights, bias);
        return switch (spec) {
            case ConvolutionSpec c -> convolution(c, input, weights, bias);
            case PoolSpec p -> Pooling.run(p, input);
            case GlobalAvgPoolSpec g -> GlobalAveraging.run(g, input);
            case UpsampleSpec u -> Upsampling.run(u, input);
            case SoftmaxSpec s -> TfliteSoftmax.run(s, input);
            case AddSpec a -> throw new IllegalStateException();
            case ConcatSpec c -> throw new IllegalStateException();
        };
    }

    /** Runs a {@code concat} layer: the sources' channels side by side, source 0 first. */
    public static Int8Tensor concat(ConcatSpec spec, List<Int8Tensor> inputs) {
        LayerChecks.validate(spec);
        LayerChecks.checkConcatOperands(spec, inputs);
        int pixels = spec.outputHeight() * spec.outputWidth(), oc = spec.outputChannels();
        byte[] y = new byte[pixels * oc];
        for (int k = 0; k < inputs.size(); k++) {
            byte[] x = inputs.get(k).data();
            int c = spec.inputs().get(k).c(), offset = spec.channelOffset(k);
            for (int p = 0; p < pixels; p++) System.arraycopy(x, p * c, y, p * oc + offset, c);
        }
        return new Int8Tensor(spec.output().tensorShape(), y);
    }

    /** Runs an {@code add} layer on inputs {@code a} (fix point fp_input) and {@code b} (fp_input_b). */
    public static Int8Tensor add(AddSpec spec, Int8Tensor a, Int8Tensor b) {
        LayerChecks.validate(spec);
        LayerChecks.checkOperands(spec, a, b, null);
        return ElementwiseAdd.run(spec, a, b);
    }

    private static Tensor convolution(ConvolutionSpec spec, Int8Tensor input, Int8Tensor weights, Int32Tensor bias) {
        int zpIn = spec.quant().inputZeroPoint();
        int zpW = spec.quant().weightZeroPoint();
        if (spec instanceof Conv2dSpec c && !(spec.quant() instanceof NoQuant)) return requantisedRows(c, input, weights, bias);
        int[] acc = switch (spec) {
            case Conv2dSpec c -> Accumulators.conv2d(c, input.data(), zpIn, weights.data(), zpW);
            case DepthwiseConv2dSpec d -> Accumulators.depthwise(d, input.data(), zpIn, weights.data(), zpW);
            case DenseSpec f -> Accumulators.dense(f, input.data(), zpIn, weights.data(), zpW);
        };
        int oc = spec.outputChannels();
        int[] b = bias == null ? new int[oc] : bias.data();
        int[] shape = spec.output().tensorShape();
        switch (spec.quant()) {
            case NoQuant n -> {
                for (int p = 0; p < acc.length; p += oc) {
                    for (int c = 0; c < oc; c++) acc[p + c] += b[c];
                }
                return new Int32Tensor(shape, acc);
            }
            case ShiftQuant s -> {
                ShiftRequant r = new ShiftRequant(s, spec.activation(), b);
                byte[] y = new byte[acc.length];
                for (int p = 0; p < acc.length; p += oc) {
                    for (int c = 0; c < oc; c++) y[p + c] = (byte) r.apply(acc[p + c], c);
                }
                return new Int8Tensor(shape, y);
            }
            case MultiplierQuant m -> {
                TfliteRequant r = new TfliteRequant(m, spec.activation());
                byte[] y = new byte[acc.length];
                for (int p = 0; p < acc.length; p += oc) {
                    for (int c = 0; c < oc; c++) y[p + c] = (byte) r.apply(acc[p + c] + b[c], c);
                }
                return new Int8Tensor(shape, y);
            }
        }
    }

    /** A requantised conv2d, one output row of sums at a time: the same values as the whole-output path. */
    private static Int8Tensor requantisedRows(Conv2dSpec spec, Int8Tensor input, Int8Tensor weights, Int32Tensor bias) {
        int oc = spec.outputChannels();
        int[] b = bias == null ? new int[oc] : bias.data();
        Requantiser r = switch (spec.quant()) {
            case ShiftQuant s -> new ShiftRequant(s, spec.activation(), b)::apply;
            case MultiplierQuant m -> {
                TfliteRequant t = new TfliteRequant(m, spec.activation());
                yield (acc, c) -> t.apply(acc + b[c], c);
            }
            case NoQuant n -> throw new IllegalArgumentException("quant mode none has no int8 output");
        };
        int rowLen = spec.outputWidth() * oc;
        byte[] y = new byte[spec.outputHeight() * rowLen];
        Accumulators.conv2dRows(spec, input.data(), spec.quant().inputZeroPoint(), weights.data(),
                spec.quant().weightZeroPoint(), (oy, sums) -> {
                    int base = oy * rowLen;
                    for (int p = 0; p < rowLen; p += oc) {
                        for (int c = 0; c < oc; c++) y[base + p + c] = (byte) r.apply(sums[p + c], c);
                    }
                });
        return new Int8Tensor(spec.output().tensorShape(), y);
    }

    /** An int32 sum of output channel {@code c} to its int8 output. */
    @FunctionalInterface
    private interface Requantiser {
        int apply(int acc, int c);
    }
}
