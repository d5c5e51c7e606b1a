package org.jdpu.spec;

import org.jdpu.spec.Activation.Clamp;
import org.jdpu.spec.Activation.LeakyRelu;
import org.jdpu.spec.Activation.None;
import org.jdpu.spec.Activation.Relu;
import org.jdpu.spec.Activation.Relu6;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.Quant.NoQuant;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Shapes;
import org.jdpu.tensor.Tensor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import java.util.List;

/**
 * Every rule a layer's parameters and tensors must satisfy, in one place. Each failure is a
 * {@link SpecException} naming the JSON path of the field (as the spec file spells it) and the bad
 * value. The parser calls this; code that builds specs directly should too.
 */
public final class LayerChecks {
    private LayerChecks() {}

    public static final int MAX_CHANNELS = 4096;
    public static final int MAX_IMAGE_SIDE = 16384;
    public static final int MAX_KERNEL = 16;
    public static final int MAX_STRIDE = 8;
    public static final int MAX_DILATION = 8;
    /** Largest nearest-neighbour upsampling factor per axis. */
    public static final int MAX_UPSAMPLE = 8;
    /** Fix points (value = int * 2^-fp) accepted in {@code shift} mode. */
    public static final int MIN_FIX_POINT = -16;
    public static final int MAX_FIX_POINT = 31;
    /** Range of {@code shift_bias}; keeps the aligned bias {@code 2*bias*2^shift_bias} within 63 bits. */
    public static final int MIN_SHIFT_BIAS = -31;
    public static final int MAX_SHIFT_BIAS = 30;
    /** Range of {@code shift_cut} (negative: the output is finer than the products and is shifted left). */
    public static final int MIN_SHIFT_CUT = -31;
    public static final int MAX_SHIFT_CUT = 31;
    /** TFLite's range for the per-channel {@code shift} (positive = left). */
    public static final int MIN_TFLITE_SHIFT = -31;
    public static final int MAX_TFLITE_SHIFT = 30;

    /** Checks {@code spec}, naming fields as in a layer file ({@code $.kernel[0]}). */
    public static void validate(LayerSpec spec) {
        validate(spec, "$");
    }

    /** Checks {@code spec}; {@code root} is the JSON path of the layer object, e.g. {@code $[2].layer}. */
    public static void validate(LayerSpec spec, String root) {
        if (spec instanceof ConcatSpec c) {
            checkConcat(c, root);
            return;
        }
        checkInput(spec.input(), root);
        switch (spec) {
            case Conv2dSpec c -> {
                range(root + ".output_channels", c.outputChannels(), 1, MAX_CHANNELS, "output_channels");
                checkWindow(c.window(), c.input(), root, true);
                checkQuant(c.quant(), c.outputChannels(), root);
                checkActivation(c.activation(), c.quant().mode(), root);
                checkAccumulator(c, root);
            }
            case DepthwiseConv2dSpec d -> {
                range(root + ".depth_multiplier", d.depthMultiplier(), 1, MAX_CHANNELS, "depth_multiplier");
                if ((long) d.depthMultiplier() * d.input().c() > MAX_CHANNELS) {
                    throw new SpecException(root + ".depth_multiplier", "depth_multiplier " + d.depthMultiplier()
                            + " times input.c " + d.input().c() + " gives " + (long) d.depthMultiplier() * d.input().c()
                            + " output channels, more than " + MAX_CHANNELS);
                }
                checkWindow(d.window(), d.input(), root, true);
                checkQuant(d.quant(), d.outputChannels(), root);
                checkActivation(d.activation(), d.quant().mode(), root);
                checkAccumulator(d, root);
            }
            case DenseSpec d -> {
                range(root + ".output_channels", d.outputChannels(), 1, MAX_CHANNELS, "output_channels");
                checkQuant(d.quant(), d.outputChannels(), root);
                checkActivation(d.activation(), d.quant().mode(), root);
                checkAccumulator(d, root);
            }
            case PoolSpec p -> {
                checkWindow(p.window(), p.input(), root, false);
                checkPoolQuant(p.quant(), p.window().taps(), p.window().kh() + "x" + p.window().kw(), root);
                checkActivation(p.activation(), "pool", root);
            }
            case GlobalAvgPoolSpec g -> {
                checkPoolQuant(g.quant(), g.count(), g.input().h() + "x" + g.input().w(), root);
                checkActivation(g.activation(), "pool", root);
            }
            case SoftmaxSpec s -> {
                // TFLite sums the exps in Q12.19: 4096 equal maxima would reach 2^31
                range(root + ".input.c", s.input().c(), 1, MAX_CHANNELS - 1, "softmax channels");
                q31(root + ".quant.input_multiplier", s.inputMultiplier());
                range(root + ".quant.input_left_shift", s.inputLeftShift(), 0, 31, "input_left_shift");
            }
            case UpsampleSpec u -> {
                range(root + ".factor[0]", u.factorH(), 1, MAX_UPSAMPLE, "upsampling factor");
                range(root + ".factor[1]", u.factorW(), 1, MAX_UPSAMPLE, "upsampling factor");
                if (u.outputHeight() > MAX_IMAGE_SIDE || u.outputWidth() > MAX_IMAGE_SIDE) {
                    throw new SpecException(root + ".factor", "the output " + u.outputHeight() + "x" + u.outputWidth()
                            + " has a side longer than " + MAX_IMAGE_SIDE);
                }
            }
            case AddSpec a -> {
                checkAddQuant(a.quant(), root);
                checkActivation(a.activation(), a.quant().mode(), root);
            }
            case ConcatSpec c -> throw new IllegalStateException("checked by checkConcat");
        }
    }

    private static void checkConcat(ConcatSpec c, String root) {
        if (c.inputs().size() < 2) {
            throw new SpecException(root + ".inputs", "concat joins at least 2 inputs, got " + c.inputs().size());
        }
        for (int k = 0; k < c.inputs().size(); k++) {
            FeatureShape in = c.inputs().get(k);
            String at = root + ".inputs[" + k + "]";
            range(at + ".h", in.h(), 1, MAX_IMAGE_SIDE, "input height");
            range(at + ".w", in.w(), 1, MAX_IMAGE_SIDE, "input width");
            range(at + ".c", in.c(), 1, MAX_CHANNELS, "input channels");
            if (in.h() != c.input().h() || in.w() != c.input().w()) {
                throw new SpecException(at, "concat joins along channels: input " + k + " is " + in
                        + " but input 0 is " + c.input() + " (height and width must match)");
            }
        }
        if (c.outputChannels() > MAX_CHANNELS) {
            throw new SpecException(root + ".inputs", "the concat has " + c.outputChannels() + " channels, more than "
                    + MAX_CHANNELS);
        }
    }

    private static void checkInput(FeatureShape in, String root) {
        if (in == null) throw new SpecException(root + ".input", "is missing");
        range(root + ".input.h", in.h(), 1, MAX_IMAGE_SIDE, "input height");
        range(root + ".input.w", in.w(), 1, MAX_IMAGE_SIDE, "input width");
        range(root + ".input.c", in.c(), 1, MAX_CHANNELS, "input channels");
    }

    private static void checkWindow(Window w, FeatureShape in, String root, boolean dilationAllowed) {
        range(root + ".kernel[0]", w.kh(), 1, MAX_KERNEL, "kernel height");
        range(root + ".kernel[1]", w.kw(), 1, MAX_KERNEL, "kernel width");
        range(root + ".stride[0]", w.sh(), 1, MAX_STRIDE, "stride");
        range(root + ".stride[1]", w.sw(), 1, MAX_STRIDE, "stride");
        if (dilationAllowed) {
            range(root + ".dilation[0]", w.dh(), 1, MAX_DILATION, "dilation");
            range(root + ".dilation[1]", w.dw(), 1, MAX_DILATION, "dilation");
        } else if (w.dh() != 1 || w.dw() != 1) {
            throw new SpecException(root + ".dilation", "pools take no dilation, got [" + w.dh() + ", " + w.dw() + "]");
        }
        Padding p = w.padding();
        if (p == null) throw new SpecException(root + ".padding", "is missing");
        int maxH = (w.kh() - 1) * w.dh();
        int maxW = (w.kw() - 1) * w.dw();
        String why = " ((kernel - 1) * dilation)";
        range(root + ".padding[0]", p.top(), 0, maxH, "top padding", why);
        range(root + ".padding[1]", p.left(), 0, maxW, "left padding", why);
        range(root + ".padding[2]", p.bottom(), 0, maxH, "bottom padding", why);
        range(root + ".padding[3]", p.right(), 0, maxW, "right padding", why);
        if (w.outputHeight(in.h()) < 1) {
            throw new SpecException(root + ".input.h", "input height " + in.h() + " plus padding " + (p.top() + p.bottom())
                    + " is smaller than the dilated kernel height " + (maxH + 1) + "; the output would be empty");
        }
        if (w.outputWidth(in.w()) < 1) {
            throw new SpecException(root + ".input.w", "input width " + in.w() + " plus padding " + (p.left() + p.right())
                    + " is smaller than the dilated kernel width " + (maxW + 1) + "; the output would be empty");
        }
    }

    private static void checkQuant(Quant quant, int outputChannels, String root) {
        String q = root + ".quant";
        switch (quant) {
            case null -> throw new SpecException(q, "is missing");
            case ShiftQuant s -> {
                fixPoint(q + ".fp_input", s.fpInput());
                fixPoint(q + ".fp_weights", s.fpWeights());
                fixPoint(q + ".fp_bias", s.fpBias());
                fixPoint(q + ".fp_output", s.fpOutput());
                if (s.shiftBias() < MIN_SHIFT_BIAS || s.shiftBias() > MAX_SHIFT_BIAS) {
                    throw new SpecException(q + ".fp_bias", "shift_bias = fp_input + fp_weights - fp_bias = "
                            + s.fpInput() + " + " + s.fpWeights() + " - " + paren(s.fpBias()) + " = " + s.shiftBias()
                            + " is outside " + MIN_SHIFT_BIAS + ".." + MAX_SHIFT_BIAS);
                }
                if (s.shiftCut() < MIN_SHIFT_CUT || s.shiftCut() > MAX_SHIFT_CUT) {
                    throw new SpecException(q + ".fp_output", "shift_cut = fp_input + fp_weights - fp_output = "
                            + s.fpInput() + " + " + s.fpWeights() + " - " + paren(s.fpOutput()) + " = " + s.shiftCut()
                            + " is outside " + MIN_SHIFT_CUT + ".." + MAX_SHIFT_CUT);
                }
            }
            case MultiplierQuant m -> {
                zeroPoint(q + ".input_zero_point", m.inputZeroPoint());
                zeroPoint(q + ".output_zero_point", m.outputZeroPoint());
                int[] mult = m.multiplier();
                int[] shift = m.shift();
                perChannelLength(q + ".multiplier", mult.length, outputChannels);
                perChannelLength(q + ".shift", shift.length, outputChannels);
                for (int i = 0; i < mult.length; i++) {
                    q31(q + ".multiplier[" + i + "]", mult[i]);
                    range(q + ".shift[" + i + "]", shift[i], MIN_TFLITE_SHIFT, MAX_TFLITE_SHIFT, "shift");
                }
            }
            case NoQuant n -> {
                zeroPoint(q + ".input_zero_point", n.inputZeroPoint());
                zeroPoint(q + ".weight_zero_point", n.weightZeroPoint());
            }
        }
    }

    /** {@code count} values of {@code taps} ("7x7") are summed per output. */
    private static void checkPoolQuant(PoolQuant quant, long count, String taps, String root) {
        String q = root + ".quant";
        switch (quant) {
            case null -> throw new SpecException(q, "is missing");
            case PoolQuant.ShiftPool s -> { }
            case PoolQuant.TflitePool t -> {
                zeroPoint(q + ".zero_point", t.zeroPoint());
                // TFLite sums the raw int8 values in int32
                if (count * -Byte.MIN_VALUE > Integer.MAX_VALUE) {
                    throw new SpecException(root + ".input", "the worst-case sum of " + taps + " int8 values is "
                            + count * -Byte.MIN_VALUE + ", beyond the int32 that TFLite sums them in");
                }
            }
            case PoolQuant.TfliteMean m -> {
                zeroPoint(q + ".input_zero_point", m.inputZeroPoint());
                zeroPoint(q + ".output_zero_point", m.outputZeroPoint());
                q31(q + ".multiplier", m.multiplier());
                range(q + ".shift", m.shift(), MIN_TFLITE_SHIFT, MAX_TFLITE_SHIFT, "shift");
                // TFLite sums x - zp in int32, then shifts the sum left by the folded shift if it is positive
                long worst = count * maxDistance(m.inputZeroPoint());
                int left = Math.max(m.scaling(count).shift(), 0);
                if (worst > Integer.MAX_VALUE || worst << left > Integer.MAX_VALUE) {
                    throw new SpecException(q + ".shift", "the worst-case sum " + taps + " * "
                            + maxDistance(m.inputZeroPoint()) + " (max |x - zp_in|) = " + worst
                            + (left > 0 ? ", shifted left by " + left + "," : "") + " exceeds int32");
                }
            }
        }
    }

    private static void checkAddQuant(AddSpec.Rescaling rescaling, String root) {
        String q = root + ".quant";
        switch (rescaling) {
            case null -> throw new SpecException(q, "is missing");
            case AddSpec.AddQuant s -> checkShiftAdd(s, q);
            case AddSpec.TfliteAddQuant t -> checkTfliteAdd(t, q);
        }
    }

    private static void checkShiftAdd(AddSpec.AddQuant quant, String q) {
        fixPoint(q + ".fp_input", quant.fpInput());
        fixPoint(q + ".fp_input_b", quant.fpInputB());
        fixPoint(q + ".fp_output", quant.fpOutput());
        int finest = Math.max(quant.fpInput(), quant.fpInputB());
        if (finest - quant.fpOutput() > MAX_SHIFT_CUT) {
            throw new SpecException(q + ".fp_output", "the sum is at fix point " + finest + "; shifting it to fp_output "
                    + quant.fpOutput() + " is a right shift of " + (finest - quant.fpOutput()) + ", more than "
                    + MAX_SHIFT_CUT);
        }
    }

    /**
     * TFLite's add rescales with {@code MultiplyByQuantizedMultiplierSmallerThanOneExp}: shifts are at
     * most 0. No int32 overflow is possible: {@code |x - zp| * 2^20 < 2^28}, and multipliers below 1
     * only shrink it.
     */
    private static void checkTfliteAdd(AddSpec.TfliteAddQuant t, String q) {
        zeroPoint(q + ".input_zero_point", t.inputZeroPoint());
        zeroPoint(q + ".input_b_zero_point", t.inputBZeroPoint());
        zeroPoint(q + ".output_zero_point", t.outputZeroPoint());
        String[] names = {"input", "input_b", "output"};
        int[] multipliers = {t.inputMultiplier(), t.inputBMultiplier(), t.outputMultiplier()};
        int[] shifts = {t.inputShift(), t.inputBShift(), t.outputShift()};
        for (int i = 0; i < names.length; i++) {
            q31(q + "." + names[i] + "_multiplier", multipliers[i]);
            range(q + "." + names[i] + "_shift", shifts[i], MIN_TFLITE_SHIFT, 0, "shift",
                    " (TFLite's add scales by multipliers below 1: right shifts only)");
        }
    }

    private static void checkActivation(Activation act, String mode, String root) {
        String path = root + ".activation";
        switch (act) {
            case null -> throw new SpecException(path, "is missing");
            case Clamp c -> {
                range(path + ".min", c.min(), Byte.MIN_VALUE, Byte.MAX_VALUE, "clamp min");
                range(path + ".max", c.max(), Byte.MIN_VALUE, Byte.MAX_VALUE, "clamp max");
                if (c.min() > c.max()) {
                    throw new SpecException(path, "clamp min " + c.min() + " is greater than max " + c.max());
                }
                if (mode.equals("none")) {
                    throw new SpecException(path + ".type", "quant mode none outputs raw int32 accumulators; "
                            + "activation must be none, got \"clamp\"");
                }
            }
            case None n -> { }
            case Relu r -> {
                if (mode.equals("none")) {
                    throw new SpecException(path + ".type", "quant mode none outputs raw int32 accumulators; "
                            + "activation must be none, got \"relu\"");
                }
            }
            case Relu6 r -> {
                if (!mode.equals("shift")) throw onlyInShift(path, "relu6", mode);
            }
            case LeakyRelu l -> {
                if (!mode.equals("shift")) throw onlyInShift(path, "leaky_relu", mode);
            }
        }
    }

    private static SpecException onlyInShift(String path, String type, String mode) {
        String allowed = switch (mode) {
            case "pool" -> "pools allow none, relu or clamp";
            case "none" -> "quant mode none allows only none";
            default -> "quant mode " + mode + " allows none, relu or clamp";
        };
        return new SpecException(path + ".type", "\"" + type + "\" needs shift-mode fix points; " + allowed);
    }

    /** Worst case of {@code |sum((x - zp_in) * (w - zp_w))|} over all int8 inputs and weights. */
    public static long worstCaseProducts(ConvolutionSpec spec) {
        return taps(spec) * maxDistance(spec.quant().inputZeroPoint()) * maxDistance(spec.quant().weightZeroPoint());
    }

    private static long taps(ConvolutionSpec spec) {
        return (long) spec.window().taps() * spec.reductionChannels();
    }

    private static long maxDistance(int zeroPoint) {
        return Math.max(Byte.MAX_VALUE - (long) zeroPoint, (long) zeroPoint - Byte.MIN_VALUE);
    }

    private static void checkAccumulator(ConvolutionSpec spec, String root) {
        long worst = worstCaseProducts(spec);
        if (worst > Integer.MAX_VALUE) {
            boolean dense = spec instanceof DenseSpec;
            throw new SpecException(root + (dense ? ".input" : ".kernel"), "worst-case accumulator " + describeWorstCase(spec)
                    + " = " + worst + " exceeds the int32 maximum " + Integer.MAX_VALUE + "; use "
                    + (dense ? "a smaller input (fewer features)" : "fewer input channels or a smaller kernel"));
        }
        if (spec.quant() instanceof MultiplierQuant m) {
            for (int oc = 0; oc < spec.outputChannels(); oc++) {
                checkLeftShift(worst, m, oc, root + ".quant.shift[" + oc + "]", "");
            }
        }
    }

    private static String describeWorstCase(ConvolutionSpec spec) {
        Window w = spec.window();
        return w.kh() + "x" + w.kw() + "x" + spec.reductionChannels() + " taps * "
                + maxDistance(spec.quant().inputZeroPoint()) + " (max |x - zp_in|) * "
                + maxDistance(spec.quant().weightZeroPoint()) + " (max |w - zp_w|)";
    }

    /** TFLite shifts the int32 accumulator left by {@code max(shift, 0)} before multiplying; it must not overflow. */
    private static void checkLeftShift(long worstAccumulator, MultiplierQuant m, int oc, String path, String withBias) {
        int left = Math.max(m.shift(oc), 0);
        if (left > 0 && worstAccumulator << left > Integer.MAX_VALUE) {
            throw new SpecException(path, "shift " + m.shift(oc) + " moves the worst-case accumulator " + worstAccumulator
                    + withBias + " left by " + left + " to " + (worstAccumulator << left) + ", beyond int32");
        }
    }

    /**
     * Checks that every tensor of {@code spec} (input, weights, output) fits in one tensor, before
     * anything is allocated: the per-field limits allow layers whose tensors are far too large.
     * {@code file} (may be null) names the layer in the message.
     */
    public static void checkTensorSizes(LayerSpec spec, Path file) {
        checkSize(file, "input", spec.input().tensorShape());
        if (spec instanceof ConvolutionSpec c) checkSize(file, "weights", c.weightShape());
        checkSize(file, "output", spec.output().tensorShape());
    }

    private static void checkSize(Path file, String what, int[] shape) {
        long n = Shapes.elementCountUnchecked(shape);
        if (n > Shapes.MAX_ELEMENTS) {
            throw new SpecException(file, "$", String.format(Locale.ROOT, "the layer is too large: its %s tensor %s "
                    + "has %,d elements, more than the %,d one tensor can hold", what, Shapes.format(shape), n,
                    Shapes.MAX_ELEMENTS));
        }
    }

    /**
     * Checks the tensors given for {@code spec}: shapes, and for convolutions that the worst-case
     * accumulator plus the largest bias still fits int32. Failures name the operand ({@code input},
     * {@code weights}, {@code bias}); pass null for operands the layer does not take.
     */
    public static void checkOperands(LayerSpec spec, Tensor input, Tensor weights, Tensor bias) {
        expectShape("input", input, spec.input().tensorShape(), "[1, input.h, input.w, input.c]");
        switch (spec) {
            case ConvolutionSpec c -> {
                expectShape("weights", weights, c.weightShape(), switch (c) {
                    case Conv2dSpec k -> "OHWI [output_channels, kernel h, kernel w, input.c]";
                    case DepthwiseConv2dSpec k -> "[1, kernel h, kernel w, input.c * depth_multiplier]";
                    case DenseSpec k -> "[output_channels, input.h * input.w * input.c] (features in NHWC order)";
                });
                if (bias != null) {
                    expectShape("bias", bias, c.biasShape(), "[output channels]");
                    checkBias(c, bias);
                }
            }
            case PoolSpec p -> {
                absent("weights", weights, p.op());
                absent("bias", bias, p.op());
            }
            case GlobalAvgPoolSpec g -> {
                absent("weights", weights, g.op());
                absent("bias", bias, g.op());
            }
            case SoftmaxSpec s -> {
                absent("weights", weights, s.op());
                absent("bias", bias, s.op());
            }
            case UpsampleSpec u -> {
                absent("weights", weights, u.op());
                absent("bias", bias, u.op());
            }
            case AddSpec a -> {
                expectShape("input_b", weights, spec.input().tensorShape(), "the shape of input A");
                absent("bias", bias, a.op());
            }
            case ConcatSpec c -> throw new IllegalArgumentException("concat has one operand per source; Golden.concat checks them");
        }
    }

    /** Checks the operands of a concat: one int8 tensor per source, of that source's shape. */
    public static void checkConcatOperands(ConcatSpec spec, List<? extends Tensor> inputs) {
        if (inputs.size() != spec.inputs().size()) {
            throw new SpecException("inputs", "the concat joins " + spec.inputs().size() + " inputs but got " + inputs.size());
        }
        for (int k = 0; k < inputs.size(); k++) {
            expectShape("input " + k, inputs.get(k), spec.inputs().get(k).tensorShape(), "[1, h, w, c] of that input");
        }
    }

    private static void checkBias(ConvolutionSpec spec, Tensor bias) {
        if (spec.quant() instanceof ShiftQuant) return; // the aligned bias is added in 64 bits, after the sum
        if (!(bias instanceof Int32Tensor b)) {
            throw new SpecException("bias", "must be int32, got " + bias.describe());
        }
        long worst = worstCaseProducts(spec);
        int[] data = b.data();
        for (int oc = 0; oc < data.length; oc++) {
            long total = worst + Math.abs((long) data[oc]);
            if (total > Integer.MAX_VALUE) {
                throw new SpecException("bias", "bias[" + oc + "] = " + data[oc] + " plus the worst-case accumulator "
                        + worst + " gives " + total + ", beyond the int32 maximum " + Integer.MAX_VALUE);
            }
            if (spec.quant() instanceof MultiplierQuant m) {
                checkLeftShift(total, m, oc, "bias", " (with bias[" + oc + "] = " + data[oc] + ")");
            }
        }
    }

    private static void expectShape(String role, Tensor t, int[] expected, String layout) {
        if (t == null) throw new SpecException(role, "is missing");
        boolean int8 = t instanceof Int8Tensor;
        boolean wantInt32 = role.equals("bias");
        if (wantInt32 ? !(t instanceof Int32Tensor) : !int8) {
            throw new SpecException(role, "must be " + (wantInt32 ? "int32" : "int8") + ", got " + t.describe());
        }
        if (!Arrays.equals(t.shape(), expected)) {
            throw new SpecException(role, "shape " + Shapes.format(t.shape()) + " does not match the layer: expected "
                    + Shapes.format(expected) + " = " + layout);
        }
    }

    private static void absent(String role, Tensor t, String op) {
        if (t != null) throw new SpecException(role, op + " takes no " + role);
    }

    private static void fixPoint(String path, int v) {
        range(path, v, MIN_FIX_POINT, MAX_FIX_POINT, "fix point");
    }

    /** A TFLite multiplier: a non-negative Q31 value. */
    private static void q31(String path, int v) {
        if (v < 0) throw new SpecException(path, "multiplier must be in 0.." + Integer.MAX_VALUE + " (a Q31 value), got " + v);
    }

    private static void zeroPoint(String path, int v) {
        range(path, v, Byte.MIN_VALUE, Byte.MAX_VALUE, "zero point");
    }

    private static void perChannelLength(String path, int length, int channels) {
        if (length != channels) {
            throw new SpecException(path, "has " + length + " entries but the layer has " + channels
                    + " output channels (one entry per output channel)");
        }
    }

    private static void range(String path, int v, int min, int max, String what) {
        range(path, v, min, max, what, "");
    }

    private static void range(String path, int v, int min, int max, String what, String why) {
        if (v < min || v > max) {
            throw new SpecException(path, what + " must be in " + min + ".." + max + why + ", got " + v);
        }
    }

    private static String paren(int v) {
        return v < 0 ? "(" + v + ")" : Integer.toString(v);
    }
}
