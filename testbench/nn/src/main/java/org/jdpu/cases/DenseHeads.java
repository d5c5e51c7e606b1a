package org.jdpu.cases;

import org.jdpu.spec.Activation;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.Quant.ShiftQuant;

import java.util.List;

/** Chains of shift-mode dense layers for tests: fix points that keep each output spread over int8. */
public final class DenseHeads {
    private DenseHeads() {}

    /** Fix points for a dense layer on {@code in} reading fix point {@code fp}. */
    public static ShiftQuant quant(FeatureShape in, int fp) {
        ShiftQuant rq = LayerCase.realisticQuant(in.h(), in.w(), in.c());
        return new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
    }

    /**
     * Appends dense layers of {@code widths} (relu but the last) to {@code specs}, the first reading
     * {@code in} at fix point {@code fp}, each the one before.
     */
    public static void append(List<LayerSpec> specs, FeatureShape in, int fp, int... widths) {
        FeatureShape x = in;
        for (int i = 0; i < widths.length; i++) {
            ShiftQuant q = quant(x, fp);
            DenseSpec d = new DenseSpec(x, widths[i], q, i + 1 < widths.length ? Activation.RELU : Activation.NONE);
            specs.add(d);
            x = d.output();
            fp = q.fpOutput();
        }
    }
}
