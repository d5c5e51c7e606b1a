package org.jdpu.cosim.net;

import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.compiler.Program;
import org.jdpu.compiler.net.DepthwiseLowering;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.NetworkSpec;
import java.util.List;
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
 * model's, or the case fails. A convolution runs on the core's debug port; a depthwise convolution
 * (a network operator, {@code DepthwiseLowering}) runs as a one-layer network on the network
 * engine, which also checks it against the golden model and the ISS. Layers the engine has no hardware for (int32 ConvInteger outputs, and
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
            if (spec instanceof DepthwiseConv2dSpec d) {
                DepthwiseLowering.of(session.config(), d);
                return d.quant() instanceof Quant.MultiplierQuant && !session.config().tflite()
                        ? "multiplier mode needs an engine with " + org.jdpu.arch.DpuConfig.TFLITE_SUFFIX : null;
            }
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
        if (spec instanceof DepthwiseConv2dSpec) {
            NetworkSpec net = new NetworkSpec(null, List.of(new NetworkSpec.Layer("depthwise", spec, null, null, null)));
            NetCosimResult r = NetCosim.run(session.config(), AxiConfig.DEFAULT, net, image,
                    List.of(new LayerTensors(weights, bias)), NetCosim.Options.defaults(), cycles -> { });
            if (!r.passed() || r.predictedCycles() != r.run().cycles()) {
                throw new IllegalStateException("network engine: " + r.resultLine());
            }
            layers++;
            return r.rtlOutputs().getFirst();
        }
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
