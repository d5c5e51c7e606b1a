package org.jdpu.cosim;

import org.jdpu.cases.LayerCase;

import org.jdpu.cases.LayerCase.Weights;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;

import java.util.ArrayList;
import java.util.List;

/** The directed layers every tested configuration runs: each exercises one feature of the engine. */
final class DirectedLayers {
    private DirectedLayers() {}

    static List<LayerCase> all() {
        List<LayerCase> cases = new ArrayList<>();
        add(cases, "1x1 with channel tails", 1, conv(5, 7, 13, 11, 1, 1, 1, 1, 1, 1, pad(0), Activation.NONE));
        add(cases, "3x3 pad 1", 2, conv(8, 9, 16, 16, 3, 3, 1, 1, 1, 1, pad(1), Activation.RELU));
        add(cases, "5x5 pad 2", 3, conv(9, 10, 6, 9, 5, 5, 1, 1, 1, 1, pad(2), Activation.LEAKY_RELU));
        add(cases, "7x1", 4, conv(12, 5, 4, 6, 7, 1, 1, 1, 1, 1, new Padding(3, 0, 3, 0), Activation.RELU6));
        add(cases, "stride 2", 5, conv(11, 13, 7, 5, 3, 3, 2, 2, 1, 1, pad(1), Activation.NONE));
        add(cases, "stride 3", 6, conv(14, 16, 3, 9, 5, 5, 3, 3, 1, 1, new Padding(2, 1, 0, 2), Activation.RELU));
        add(cases, "dilation 2", 7, conv(10, 11, 5, 6, 3, 3, 1, 1, 2, 2, pad(2), Activation.NONE));
        add(cases, "asymmetric padding", 8, conv(7, 9, 6, 7, 3, 3, 1, 1, 1, 1, new Padding(0, 2, 1, 0), Activation.NONE));
        add(cases, "width tail", 9, conv(3, 13, 8, 8, 3, 3, 1, 1, 1, 1, pad(1), Activation.RELU));
        add(cases, "wide rows (column bands on small buffers)", 18,
                conv(4, 60, 20, 4, 3, 3, 1, 1, 1, 1, pad(1), Activation.RELU));
        add(cases, "single channel in and out", 10, conv(6, 6, 1, 1, 3, 3, 1, 1, 1, 1, pad(1), Activation.NONE));
        add(cases, "kernel 16x2, stride 1x8", 11, conv(18, 40, 3, 4, 16, 2, 1, 8, 1, 1, new Padding(1, 0, 0, 1),
                Activation.NONE));
        add(cases, "stride 2x3, dilation 1x2", 12, conv(9, 17, 5, 5, 3, 4, 2, 3, 1, 2, new Padding(1, 2, 0, 1),
                Activation.LEAKY_RELU));
        cases.add(LayerCase.draw("saturating weights", 13,
                conv(6, 7, 12, 10, 3, 3, 1, 1, 1, 1, pad(1), Activation.NONE), Weights.SATURATING));
        ShiftQuant q = new ShiftQuant(4, 7, 6, 2);
        cases.add(LayerCase.draw("relu6 clamping", 14, LayerCase.conv(6, 6, 9, 7, 3, 3, 1, 1, 1, 1, pad(1),
                new ShiftQuant(4, 7, 6, 2), Activation.RELU6), Weights.UNIFORM));
        cases.add(LayerCase.draw("clamp activation", 15, LayerCase.conv(5, 6, 9, 7, 3, 3, 1, 1, 1, 1, pad(1),
                q, new Activation.Clamp(-20, 50)), Weights.REALISTIC));
        cases.add(LayerCase.draw("left shift (shift_cut < -1), bias shifted right", 16,
                LayerCase.conv(4, 5, 2, 3, 1, 1, 1, 1, 1, 1, pad(0), new ShiftQuant(0, 0, 9, 3), Activation.LEAKY_RELU),
                Weights.REALISTIC));
        cases.add(LayerCase.draw("bias shifted far left", 17,
                LayerCase.conv(4, 5, 3, 3, 3, 3, 1, 1, 1, 1, pad(1), new ShiftQuant(10, 10, -10, 16), Activation.NONE),
                Weights.REALISTIC));
        return cases;
    }

    private static void add(List<LayerCase> cases, String name, long seed, Conv2dSpec spec) {
        cases.add(LayerCase.draw(name, seed, spec, Weights.REALISTIC));
    }

    private static Conv2dSpec conv(int h, int w, int ic, int oc, int kh, int kw, int sh, int sw, int dh, int dw,
                                   Padding pad, Activation act) {
        return LayerCase.conv(h, w, ic, oc, kh, kw, sh, sw, dh, dw, pad, LayerCase.realisticQuant(kh, kw, ic), act);
    }

    private static Padding pad(int p) {
        return new Padding(p, p, p, p);
    }
}
