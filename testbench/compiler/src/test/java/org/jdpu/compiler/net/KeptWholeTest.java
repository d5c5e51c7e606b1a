package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.iss.NetIss;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A convolution whose input fits the whole activation buffer but not a half keeps it whole and loads
 * it once (instead of once per output-channel chunk), and one whose weights fit the whole weight banks
 * but not a half loads them once (instead of once per band); the other buffers still alternate halves
 * and the program still equals the golden model.
 */
class KeptWholeTest {
    /** 3x5x7 with 64-word buffers: act 256 words whole, 128 a half; weight banks 64 words, 32 a half. */
    static final DpuConfig SMALL = NetworkCompilerTest.SMALL;

    static Conv2dSpec conv(FeatureShape in, int oc, int k, int stride, int pad) {
        return new Conv2dSpec(in, oc, new Window(k, k, stride, stride, 1, 1, new Padding(pad, pad, pad, pad)),
                new ShiftQuant(4, 7, 9, 5), Activation.RELU);
    }

    /**
     * 6x6x20 -> 2x2/2 -> 3x3x56, whose 144 input words fit the whole activation buffer only (its 8
     * output groups run in chunks of 2 on half weight banks), then a 1x1 conv to 14 channels.
     */
    static Net net() {
        Conv2dSpec a = conv(new FeatureShape(6, 6, 20), 56, 2, 2, 0);
        Conv2dSpec b = conv(a.output(), 14, 1, 1, 0);
        return TestNets.of(List.of(AddNetIssTest.layer("a", a, null), AddNetIssTest.layer("b", b, null)), 3);
    }

    /**
     * 24x3x50 -> 1x1 -> 35: 5 output groups of 10 weight words fit only the whole banks (3 groups a half);
     * the input needs row bands, so half banks would reload the weights once per band.
     */
    static Net wideInput() {
        Conv2dSpec c = conv(new FeatureShape(24, 3, 50), 35, 1, 1, 0);
        return TestNets.of(List.of(AddNetIssTest.layer("c", c, null)), 5);
    }

    static void assertIssEqualsGolden(Net net, NetProgram p) {
        NetIss.Outcome o = NetIss.run(p);
        assertEquals(Fault.NONE, o.result().fault(), o.result().summary());
        List<org.jdpu.tensor.Int8Tensor> want = net.reference();
        assertArrayEquals(want.getLast().data(), o.layerOutputs().getLast().data());
    }

    @Test
    void anInputThatFitsOnlyTheWholeBufferIsLoadedOnce() {
        Net net = net();
        NetworkCompiler.Compilation cc = NetworkCompiler.compileDetailed(SMALL, net.spec(), net.input(), net.tensors());
        NetworkCompiler.LayerPlan a = cc.layers().getFirst();
        assertEquals(new NetworkCompiler.Halves(false, true, true), a.halves(), "layer a");
        NetProgram.LayerInfo info = cc.program().layers().getFirst();
        long input = 6L * 6 * 4 * SMALL.icp(); // 4 groups of ICP = 5 channels
        long weights = 8L * SMALL.ocp() * 2 * 2 * 4 * SMALL.icp() + 8L * SMALL.ocp() * 4; // 8 output groups, 2x2 taps x 4 groups, bias
        assertEquals(input + weights, info.bytesLoaded());
        assertTrue(a.runs().size() > 1, "several output-channel chunks");
        assertIssEqualsGolden(net, cc.program());
    }

    @Test
    void weightsThatFitOnlyTheWholeBanksAreLoadedOnce() {
        Net net = wideInput();
        NetworkCompiler.Compilation cc = NetworkCompiler.compileDetailed(SMALL, net.spec(), net.input(), net.tensors());
        NetworkCompiler.LayerPlan c = cc.layers().getFirst();
        assertEquals(new NetworkCompiler.Halves(true, false, true), c.halves());
        assertTrue(c.runs().size() > 1, "several bands");
        long input = 24L * 3 * 10 * SMALL.icp(), weights = 5L * SMALL.ocp() * 10 * SMALL.icp() + 5L * SMALL.ocp() * 4;
        assertEquals(input + weights, cc.program().layers().getFirst().bytesLoaded(), "input and weights once each");
        assertIssEqualsGolden(net, cc.program());
    }
}
