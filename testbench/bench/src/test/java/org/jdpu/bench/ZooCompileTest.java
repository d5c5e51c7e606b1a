package org.jdpu.bench;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.cases.ModelZoo;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every layer of ResNet-50, VGG-16, MobileNetV2 and YOLOv3-tiny at their published sizes compiles
 * on every preset, each as a one-layer network: convolutions (sliced where their weights exceed a
 * bank), depthwise convolutions, dense layers, pools, adds and upsampling. A concat is not compiled
 * alone: it is placement inside a graph of its sources (alone it would concatenate the network
 * input, which the compiler refuses); the whole-network tests compile YOLOv3-tiny's. Anything the
 * compiler refuses fails the test.
 */
class ZooCompileTest {
    static final List<ModelZoo> NETWORKS = List.of(ModelZoo.RESNET50, ModelZoo.VGG16, ModelZoo.MOBILENETV2,
            ModelZoo.YOLOV3_TINY);

    /** Why a layer is not compiled on its own, or null when it must compile. */
    static String knownRefusal(LayerSpec s) {
        return switch (s) {
            case ConcatSpec c -> "concat is placement inside a graph of its sources, not a layer of its own";
            default -> null;
        };
    }

    @Test
    void everyLayerOfTheZooCompilesOnEveryPreset() {
        Map<String, Integer> known = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        for (ModelZoo m : NETWORKS) {
            List<NetworkWriter.Entry> entries = m.layers(m.size());
            for (Preset p : Preset.values()) {
                DpuConfig c = p.config();
                for (NetworkWriter.Entry e : entries) {
                    String reason = knownRefusal(e.spec());
                    if (reason != null) {
                        known.merge(e.spec().op() + ": " + reason, 1, Integer::sum);
                        continue;
                    }
                    try {
                        compile(c, e);
                        compiled++;
                    } catch (UnsupportedByEngineException ex) {
                        failures.add(m.id() + " on " + p + ": " + ex.getMessage());
                    }
                }
            }
        }
        System.out.println("ZooCompileTest: " + compiled + " layer compilations; not compiled alone (layers x presets):");
        known.forEach((r, n) -> System.out.println("  " + n + " x " + r));
        assertEquals(List.of(), failures, failures.size() + " layers refused");
        long expected = 0;
        for (ModelZoo m : NETWORKS) expected += m.layers(m.size()).stream().filter(e -> knownRefusal(e.spec()) == null).count();
        assertEquals(expected * Preset.values().length, compiled, "every other layer on every preset");
    }

    /** The layer alone, reading the network input (and, for an add, the input twice), with zero tensors. */
    private static void compile(DpuConfig c, NetworkWriter.Entry e) {
        LayerSpec s = e.spec();
        List<String> inputs = e.inputs().size() == 2 ? List.of(NetworkSpec.INPUT, NetworkSpec.INPUT) : List.of();
        NetworkSpec one = new NetworkSpec(null, List.of(new NetworkSpec.Layer(e.name(), s, null, null, inputs, false)));
        LayerTensors t = s instanceof ConvolutionSpec k
                ? new LayerTensors(new Int8Tensor(k.weightShape(), new byte[size(k.weightShape())]),
                        new Int32Tensor(new int[] {k.outputChannels()}, new int[k.outputChannels()]))
                : new LayerTensors(null, null);
        int[] in = s.input().tensorShape();
        NetworkCompiler.compile(c, one, new Int8Tensor(in, new byte[size(in)]), List.of(t));
    }

    private static int size(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return Math.toIntExact(n);
    }
}
