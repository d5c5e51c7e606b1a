package org.jdpu.flow.tb;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cases.BranchConcatNet;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.flow.export.ExportBundle;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export testbench's vectors for a graph: golden outputs per layer (the concat too), checked beats for each. */
class NetVectorsTest {
    @Test
    void aGraphWithAConcatGetsEveryLayersBytes() {
        BranchConcatNet g = BranchConcatNet.of(16, 2);
        TestbenchNetwork net = new TestbenchNetwork("branch-concat", g.spec(), g.input(), LayerTensors.of(g.operands()));
        NetVectors v = NetVectors.of(DpuConfig.parse("B512"), ExportBundle.AXI, net);
        assertEquals(List.of("stem", "a", "b", "cat", "side", "head"), v.layerNames());
        for (int layer = 0; layer < v.layers(); layer++) {
            int l = layer;
            long bytes = v.checks().stream().filter(k -> k.layer() == l).mapToLong(NetVectors.Check::comparedBytes).sum();
            int[] shape = g.spec().layers().get(l).spec().output().tensorShape();
            assertEquals((long) shape[1] * shape[2] * shape[3], bytes, "every output byte of " + v.layerNames().get(l));
        }
        assertTrue(v.predictedCycles() > 0);
    }
}
