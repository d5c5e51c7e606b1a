package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cases.DenseHeads;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Dense layers on maps larger than the core's kernel (read as one pixel of the map's bytes, see
 * FlatDense) through the Verilated network engine: a Fashion-MNIST-sized perceptron reading the
 * input image, and a convolution followed by a dense layer on its 20x18 map, on B512 and on an odd
 * configuration with small buffers (interleaved maps, partial sums); every layer bit-exact, cycles
 * equal to the model, and again under DDR stress.
 */
class DenseCosimTest {
    /** An optional 3x3 convolution to {@code convChannels} (0: none), then dense layers of {@code widths}. */
    private static NetCosimTest.Net net(long seed, FeatureShape in, int convChannels, int... widths) {
        Random rnd = new Random(seed);
        List<LayerSpec> specs = new ArrayList<>();
        FeatureShape x = in;
        if (convChannels > 0) {
            Conv2dSpec c = new Conv2dSpec(in, convChannels, new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)),
                    new ShiftQuant(4, 7, 9, 4), Activation.RELU);
            specs.add(c);
            x = c.output();
        }
        DenseHeads.append(specs, x, 4, widths);
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            layers.add(new NetworkSpec.Layer("l" + (i + 1), s, null, null, null));
            int[] shape = s instanceof DenseSpec d ? d.weightShape() : ((Conv2dSpec) s).weightShape();
            tensors.add(new LayerTensors(NetCosimTest.int8(rnd, shape), NetCosimTest.int32(rnd, s.outputChannels())));
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, in.h(), in.w(), in.c()), tensors);
    }

    @Test
    void aPerceptronOnTheInputImageOnB512() {
        OperatorCosimTest.check(DpuConfig.parse("B512"), net(1, new FeatureShape(28, 28, 1), 0, 32, 10));
    }

    @Test
    void denseOnALargeMapOnB512AndAnOddConfigurationWithSmallBuffers() {
        OperatorCosimTest.check(DpuConfig.parse("B512"), net(2, new FeatureShape(20, 18, 3), 6, 12));
        OperatorCosimTest.check(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"), net(3, new FeatureShape(3, 17, 4), 9, 7));
        OperatorCosimTest.check(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"), net(4, new FeatureShape(12, 10, 1), 0, 5));
    }
}
