package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;


/**
 * Elementwise adds whose fix points differ by more than 6 on the RTL: the larger alignment shift is
 * spread over repeated taps of one pixel (see {@code AddLowering}). Bit-exact with the golden model
 * and the ISS at every layer, cycles equal to the whole-program cycle model, on B512 and on an odd
 * configuration with small buffers.
 */
class AddAlignmentCosimTest {
    /**
     * conv, conv, add of the convs with B finer by {@code d1} (relu), add of the network input with A
     * finer by {@code d2}; each output has the coarser fix point, so the spread taps must sum to exactly 2^d.
     */
    static NetCosimTest.Net net(long seed, int h, int w, int c, int d1, int d2) {
        Random rnd = new Random(seed);
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec c1 = OperatorCosimTest.conv(in, c), c2 = OperatorCosimTest.conv(c1.output(), c);
        List<NetworkSpec.Layer> layers = List.of(
                new NetworkSpec.Layer("c1", c1, null, null, null),
                new NetworkSpec.Layer("c2", c2, null, null, null),
                new NetworkSpec.Layer("far1", new AddSpec(c2.output(), new AddSpec.AddQuant(4, 4 + d1, 4), Activation.RELU), null,
                        null, "c1"),
                new NetworkSpec.Layer("far2", new AddSpec(c2.output(), new AddSpec.AddQuant(3 + d2, 3, 3), Activation.NONE),
                        null, null, NetworkSpec.INPUT));
        List<LayerTensors> tensors = new ArrayList<>();
        for (NetworkSpec.Layer l : layers) {
            tensors.add(l.spec() instanceof Conv2dSpec k ? new LayerTensors(NetCosimTest.int8(rnd, k.weightShape()),
                    NetCosimTest.int32(rnd, k.outputChannels())) : new LayerTensors(null, null));
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    static void check(DpuConfig c, NetCosimTest.Net net) {
        NetCosimTest.checkCalm(c, net, "");
    }

    @Test
    void shiftsOf7And14OnB512() {
        check(DpuConfig.parse("B512"), net(31, 9, 10, 12, 7, 14));
    }

    @Test
    void shiftsOf8And10OnAnOddConfigurationWithSmallBuffers() {
        check(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"), net(32, 7, 9, 7, 8, 10));
    }
}
