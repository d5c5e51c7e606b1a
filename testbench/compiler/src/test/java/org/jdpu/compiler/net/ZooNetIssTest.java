package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cases.ModelZoo;
import org.jdpu.compiler.net.TestNets.Net;
import org.junit.jupiter.api.Test;

/**
 * Model zoo networks at small input sizes, compiled whole and run on the instruction-set simulator:
 * every layer equals the golden model. MobileNetV2 brings depthwise layers (multiplier 1, strides 1
 * and 2), residual adds, a global average pool and a dense head; YOLOv3-tiny a 2x upsample inside
 * its route concat and a second output.
 */
class ZooNetIssTest {
    static Net net(ModelZoo m, int side) {
        ModelZoo.Network n = m.build(side, 1);
        return new Net(n.spec(), n.input(), n.entries().stream().map(e -> new LayerTensors(e.weights(), e.bias())).toList());
    }

    @Test
    void mobileNetV2OnB512AndAnOddConfiguration() {
        Net net = net(ModelZoo.MOBILENETV2, 32);
        NetIssTest.assertIssEqualsGolden(NetworkCompilerTest.B512, net, "mobilenetv2 32x32 on B512");
        NetIssTest.assertIssEqualsGolden(DpuConfig.parse("3x5x7"), net, "mobilenetv2 32x32 on 3x5x7");
    }

    @Test
    void yoloV3TinyOnB512() {
        NetIssTest.assertIssEqualsGolden(NetworkCompilerTest.B512, net(ModelZoo.YOLOV3_TINY, 64), "yolov3-tiny 64x64 on B512");
    }
}
