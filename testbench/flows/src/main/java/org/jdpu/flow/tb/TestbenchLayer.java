package org.jdpu.flow.tb;

import org.jdpu.cases.LayerCase;
import org.jdpu.arch.DpuConfig;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;

/**
 * The layer an export bundle's testbench runs unless the user gives one: a 3x3 convolution with
 * padding, relu and realistic weights, one input and one output channel more than the
 * configuration's ICP and OCP so that the channel tails of the last group are exercised, on a
 * small image so it simulates in seconds.
 */
public final class TestbenchLayer {
    private TestbenchLayer() {}

    public static LayerCase defaultFor(DpuConfig cfg, long seed) {
        int ic = cfg.icp() + 1, oc = cfg.ocp() + 1;
        Conv2dSpec spec = LayerCase.conv(6, 2 * cfg.pp() + 1, ic, oc, 3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1),
                LayerCase.realisticQuant(3, 3, ic), Activation.RELU);
        return LayerCase.draw(LayerCase.describe(spec), seed, spec, LayerCase.Weights.REALISTIC);
    }

    /** Vectors for {@link #defaultFor}: the layer's name and seed describe it in the testbench. */
    public static TestbenchVectors vectors(DpuConfig cfg, long seed) {
        LayerCase layer = defaultFor(cfg, seed);
        return DriverVectors.of(cfg, layer.name() + ", seed " + seed, layer.spec(), layer.operands().input(),
                layer.operands().weights(), layer.operands().bias());
    }
}
