package org.jdpu.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link LayerSpec} as the layer JSON that {@link SpecParser} reads (the inverse of its
 * layer parsing): every field explicit, so the file documents the layer without the reader
 * knowing the defaults.
 */
public final class LayerJson {
    private LayerJson() {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The layer object of {@code spec}. */
    public static ObjectNode of(LayerSpec spec) {
        ObjectNode o = F.objectNode();
        o.put("op", spec.op());
        switch (spec) {
            case ConcatSpec c -> {
                ArrayNode inputs = o.putArray("inputs");
                c.inputs().forEach(s -> inputs.add(shape(s)));
                return o;
            }
            default -> o.set("input", shape(spec.input()));
        }
        switch (spec) {
            case Conv2dSpec c -> {
                o.put("output_channels", c.outputChannels());
                window(o, c.window(), true);
                o.set("quant", quant(c.quant()));
            }
            case DepthwiseConv2dSpec d -> {
                o.put("depth_multiplier", d.depthMultiplier());
                window(o, d.window(), true);
                o.set("quant", quant(d.quant()));
            }
            case DenseSpec d -> {
                o.put("output_channels", d.outputChannels());
                o.set("quant", quant(d.quant()));
            }
            case PoolSpec p -> {
                window(o, p.window(), false);
                // shift is the default: left out, so pool files written before pools had modes stay unchanged
                if (!(p.quant() instanceof PoolQuant.ShiftPool)) o.set("quant", poolQuant(p.quant()));
            }
            case GlobalAvgPoolSpec g -> o.set("quant", poolQuant(g.quant()));
            case SoftmaxSpec s -> {
                ObjectNode q = o.putObject("quant");
                q.put("mode", "multiplier");
                q.put("input_multiplier", s.inputMultiplier());
                q.put("input_left_shift", s.inputLeftShift());
                return o; // no activation
            }
            case UpsampleSpec u -> {
                ints(o.putArray("factor"), u.factorH(), u.factorW());
                return o; // no activation
            }
            case AddSpec a -> {
                ObjectNode q = o.putObject("quant");
                q.put("mode", a.quant().mode());
                switch (a.quant()) {
                    case AddSpec.AddQuant s -> {
                        q.put("fp_input", s.fpInput());
                        q.put("fp_input_b", s.fpInputB());
                        q.put("fp_output", s.fpOutput());
                    }
                    case AddSpec.TfliteAddQuant t -> {
                        q.put("input_zero_point", t.inputZeroPoint());
                        q.put("input_b_zero_point", t.inputBZeroPoint());
                        q.put("output_zero_point", t.outputZeroPoint());
                        q.put("input_multiplier", t.inputMultiplier());
                        q.put("input_shift", t.inputShift());
                        q.put("input_b_multiplier", t.inputBMultiplier());
                        q.put("input_b_shift", t.inputBShift());
                        q.put("output_multiplier", t.outputMultiplier());
                        q.put("output_shift", t.outputShift());
                    }
                }
            }
            case ConcatSpec c -> throw new IllegalStateException();
        }
        o.set("activation", activation(spec.activation()));
        return o;
    }

    static ObjectNode shape(FeatureShape s) {
        ObjectNode o = F.objectNode();
        o.put("h", s.h());
        o.put("w", s.w());
        o.put("c", s.c());
        return o;
    }

    private static void window(ObjectNode o, Window w, boolean dilation) {
        ints(o.putArray("kernel"), w.kh(), w.kw());
        ints(o.putArray("stride"), w.sh(), w.sw());
        if (dilation) ints(o.putArray("dilation"), w.dh(), w.dw());
        Padding p = w.padding();
        ints(o.putArray("padding"), p.top(), p.left(), p.bottom(), p.right());
    }

    private static ObjectNode quant(Quant quant) {
        ObjectNode q = F.objectNode();
        q.put("mode", quant.mode());
        switch (quant) {
            case Quant.ShiftQuant s -> {
                q.put("fp_input", s.fpInput());
                q.put("fp_weights", s.fpWeights());
                q.put("fp_bias", s.fpBias());
                q.put("fp_output", s.fpOutput());
            }
            case Quant.MultiplierQuant m -> {
                q.put("input_zero_point", m.inputZeroPoint());
                q.put("output_zero_point", m.outputZeroPoint());
                ints(q.putArray("multiplier"), m.multiplier());
                ints(q.putArray("shift"), m.shift());
            }
            case Quant.NoQuant n -> {
                q.put("input_zero_point", n.inputZeroPoint());
                q.put("weight_zero_point", n.weightZeroPoint());
            }
        }
        return q;
    }

    private static ObjectNode poolQuant(PoolQuant quant) {
        ObjectNode q = F.objectNode();
        q.put("mode", quant.mode());
        switch (quant) {
            case PoolQuant.ShiftPool s -> { }
            case PoolQuant.TflitePool t -> q.put("zero_point", t.zeroPoint());
            case PoolQuant.TfliteMean m -> {
                q.put("input_zero_point", m.inputZeroPoint());
                q.put("output_zero_point", m.outputZeroPoint());
                q.put("multiplier", m.multiplier());
                q.put("shift", m.shift());
            }
        }
        return q;
    }

    private static ObjectNode activation(Activation a) {
        ObjectNode o = F.objectNode();
        o.put("type", a.type());
        if (a instanceof Activation.Clamp c) {
            o.put("min", c.min());
            o.put("max", c.max());
        }
        return o;
    }

    private static void ints(ArrayNode array, int... values) {
        for (int v : values) array.add(v);
    }
}
