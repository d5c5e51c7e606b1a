package org.jdpu.cosim;

import org.jdpu.cases.Operands;
import org.jdpu.compiler.Program;
import org.jdpu.golden.Golden;
import org.jdpu.runtime.Driver;
import org.jdpu.runtime.DriverResult;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.jdpu.spec.LayerSpec;
import org.jdpu.tensor.Int8Tensor;

import java.util.Arrays;

/**
 * Runs a compiled layer through the simulated engine and the layer as written through the golden
 * model, and compares them.
 */
public final class Cosim {
    private Cosim() {}

    /**
     * @param spec    the layer as written
     * @param ops     its operands, for the golden model
     * @param program the layer compiled for the session's configuration
     */
    public static CosimResult run(EngineSession session, String layer, String origin, LayerSpec spec, Operands ops,
                                  Program program, Progress progress) {
        // The golden model first: its int32 work arrays are gone before the engine's output exists.
        Int8Tensor expected = (Int8Tensor) Golden.run(spec, ops.input(), ops.weights(), ops.bias());
        DriverResult r = Driver.run(program, session, progress);
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
