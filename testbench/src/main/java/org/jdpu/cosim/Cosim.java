package org.jdpu.cosim;

import org.jdpu.driver.Driver;
import org.jdpu.driver.DriverResult;
import org.jdpu.driver.EngineSession;
import org.jdpu.driver.Lowering;
import org.jdpu.driver.Progress;
import org.jdpu.golden.Golden;
import org.jdpu.spec.LayerSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.Arrays;

/** Runs a layer through the simulated engine and through the golden model, and compares them. */
public final class Cosim {
    private Cosim() {}

    /** Input, weights and optional bias of one layer. */
    public record Operands(Int8Tensor input, Int8Tensor weights, Int32Tensor bias) {}

    /** With the fastest lowering the driver finds ({@link Lowering.Policy#FASTEST}). */
    public static CosimResult run(EngineSession session, String layer, String origin, LayerSpec spec, Operands ops,
                                  Progress progress) {
        return run(session, layer, origin, spec, ops, Lowering.Policy.FASTEST, progress);
    }

    public static CosimResult run(EngineSession session, String layer, String origin, LayerSpec spec, Operands ops,
                                  Lowering.Policy policy, Progress progress) {
        DriverResult r = new Driver(session).run(spec, ops.input(), ops.weights(), ops.bias(), policy, progress);
        Int8Tensor expected = (Int8Tensor) Golden.run(spec, ops.input(), ops.weights(), ops.bias());
        byte[] want = expected.data(), got = r.output().data();
        long bad = 0;
        Mismatch first = null;
        int i = Arrays.mismatch(want, got);
        if (i >= 0) {
            int oc = spec.outputChannels(), pixel = i / oc, ow = spec.outputWidth();
            first = new Mismatch(pixel / ow, pixel % ow, i % oc, want[i], got[i]);
            for (; i < want.length; i++) {
                if (want[i] != got[i]) bad++;
            }
        }
        return new CosimResult(layer, origin, session.config(), r, expected, bad, first);
    }
}
