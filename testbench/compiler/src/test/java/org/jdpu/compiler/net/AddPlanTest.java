package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.iss.NetIss;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An add is planned by what it loads: band by band, each operand byte loaded once and its two
 * diagonal weight words once per layer, however many output-channel groups the operands have (the
 * residual adds of ResNet-50's last stages, 7x7x2048, 14x14x1024 and 28x28x512).
 */
class AddPlanTest {
    /** A 1x1 conv of the input and the add of its output with the input. */
    static Net convThenAdd(int h, int w, int c) {
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec conv = PoolNetIssTest.conv(in, c, 1, 4);
        return TestNets.of(List.of(AddNetIssTest.layer("conv", conv, null),
                AddNetIssTest.layer("res", new AddSpec(conv.output(), new AddSpec.AddQuant(4, 4, 3), Activation.RELU),
                        NetworkSpec.INPUT)), 11);
    }

    /** Both operands' bytes once, and the shared weight image (two rows of OCP x ICP bytes) and zero bias once. */
    static long onceEach(DpuConfig c, int h, int w, int ch) {
        long groups = (ch + c.icp() - 1) / c.icp();
        return 2L * h * w * groups * c.icp() + 2L * c.ocp() * c.icp() + 4L * c.ocp();
    }

    @Test
    void eachOperandByteIsLoadedOnceOnB4096() {
        DpuConfig c = DpuConfig.parse("B4096");
        for (int[] s : new int[][] {{7, 7, 2048}, {14, 14, 1024}, {28, 28, 512}}) {
            Net net = convThenAdd(s[0], s[1], s[2]);
            NetProgram p = NetworkCompiler.compile(c, net.spec(), net.input(), net.tensors());
            NetProgram.LayerInfo add = p.layers().get(1);
            assertEquals(onceEach(c, s[0], s[1], s[2]), add.bytesLoaded(), s[0] + "x" + s[1] + "x" + s[2]);
        }
    }

    /** Small buffers: many bands and output chunks, still every operand byte once, and the ISS equals the golden model. */
    @Test
    void eachOperandByteIsLoadedOnceWithSmallBuffers() {
        for (DpuConfig c : new DpuConfig[] {NetworkCompilerTest.SMALL, NetworkCompilerTest.TIGHT}) {
            Net net = convThenAdd(9, 13, 40);
            NetProgram p = NetworkCompiler.compile(c, net.spec(), net.input(), net.tensors());
            assertEquals(onceEach(c, 9, 13, 40), p.layers().get(1).bytesLoaded(), c.name());
            NetIss.Outcome o = NetIss.run(p);
            assertEquals(Fault.NONE, o.result().fault(), o.result().summary());
            assertArrayEquals(net.reference().get(1).data(), o.layerOutputs().get(1).data(), c.name());
        }
    }
}
