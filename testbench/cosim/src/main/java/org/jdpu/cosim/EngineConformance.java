package org.jdpu.cosim;

import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.compiler.Program;
import org.jdpu.golden.conformance.ConformanceCase;
import org.jdpu.runtime.Driver;
import org.jdpu.runtime.DriverResult;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.Quant;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;

/**
 * Runs the external conformance cases on a simulated engine instead of the golden model: each
 * image is compiled for the session's configuration and driven through the Verilated RTL, and its
 * output is compared with the source's own expected output. The run's cycles must equal the cycle
 * model's, or the case fails. Layers the engine has no hardware for (int32 ConvInteger outputs, and
 * whatever the compiler refuses) are out of this runner's scope, with the reason.
 */
public final class EngineConformance implements ConformanceCase.LayerRunner {
    private final EngineSession session;
    private long layers;

    public EngineConformance(EngineSession session) {
        this.session = session;
    }

    @Override
    public String refuses(ConvolutionSpec spec) {
        if (spec.quant() instanceof Quant.NoQuant) return "int32 accumulator output (ConvInteger) is not an engine mode";
        try {
            if (EngineLayer.of(spec).post().multiplierMode() && !session.config().tflite()) {
                return "multiplier mode needs an engine with " + org.jdpu.arch.DpuConfig.TFLITE_SUFFIX + ", not "
                        + session.config().name();
            }
            return null;
        } catch (UnsupportedByEngineException e) {
            return "on " + session.config().name() + ": " + e.getMessage();
        }
    }

    @Override
    public Tensor run(ConvolutionSpec spec, Int8Tensor image, Int8Tensor weights, Int32Tensor bias) {
        Program program = Compiler.compile(session.config(), spec, image, weights, bias);
        DriverResult r = Driver.run(program, session, Progress.NONE);
        if (r.totalCycles() != program.predictedTotalCycles() || r.computeCycles() != r.predictedComputeCycles()) {
            throw new IllegalStateException("cycles " + r.totalCycles() + " (compute " + r.computeCycles()
                    + ") but the cycle model predicts " + program.predictedTotalCycles() + " (compute "
                    + r.predictedComputeCycles() + ")");
        }
        layers++;
        return r.output();
    }

    /** Images run on the engine so far. */
    public long layersRun() {
        return layers;
    }
}
