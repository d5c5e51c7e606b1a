package org.jdpu.cosim;

import org.jdpu.cases.Operands;

import org.jdpu.runtime.Driver;
import org.jdpu.runtime.DriverResult;
import org.jdpu.runtime.EngineSession;
import org.jdpu.compiler.Lowering;
import org.jdpu.runtime.Progress;
import org.jdpu.golden.Golden;
import org.jdpu.spec.LayerSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.Arrays;

/** Runs a layer through the simulated engine and through the golden model, and compares them. */
public final class Cosim {
    private Cosim() {}


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
