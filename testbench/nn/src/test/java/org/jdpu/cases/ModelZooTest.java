package org.jdpu.cases;

import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.LayerMacs;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model zoo's networks: their MAC counts at the published size agree with the published
 * figures, and the golden model runs each end to end (at a reduced input side; the published sizes
 * with {@code make zoo-golden}) with every layer's output spread inside int8, neither saturated nor
 * zero.
 */
class ModelZooTest {
    private static final long SEED = 11;

    /**
     * The input side: 64, which every network takes (a multiple of 32, CustomNet's minimum) and at
     * which the test stays fast; with {@code -Djdpu.zoo.full=true} ({@code make zoo-golden}) the
     * published size.
     */
    static int side(ModelZoo m) {
        return Boolean.getBoolean("jdpu.zoo.full") ? m.size() : 64;
    }

    @ParameterizedTest
    @EnumSource(ModelZoo.class)
    void macsAgreeWithThePublishedFigures(ModelZoo m) {
        List<NetworkWriter.Entry> net = m.layers(m.size());
        double gmacs = net.stream().mapToLong(e -> LayerMacs.of(e.spec())).sum() / 1e9;
        System.out.printf("%s at %d: %.3f GMAC (published about %.2f), %d layers%n", m.id(), m.size(), gmacs,
                m.publishedGmacs(), net.size());
        assertEquals(m.publishedGmacs(), gmacs, m.publishedGmacs() * 0.03, m.id());
    }

    @ParameterizedTest
    @EnumSource(ModelZoo.class)
    void goldenOutputsAreSpreadInsideInt8(ModelZoo m) {
        int side = side(m);
        System.out.println(m.id() + " at " + side + "x" + side + ": seed " + SEED);
        ModelZoo.Network n = m.build(side, SEED);
        long t0 = System.nanoTime();
        Map<String, Tensor> out = run(n);
        System.out.printf("  golden model: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        for (NetworkSpec.Layer l : n.spec().layers()) {
            Spread s = Spread.of((Int8Tensor) out.get(l.name()));
            System.out.printf("  %-22s %-16s rms %6.1f  at the rails %5.2f%%  zero %5.1f%%%n", l.name(), l.spec().op(),
                    s.rms(), 100 * s.rails(), 100 * s.zeros());
            assertTrue(s.rails() < 0.05, l.name() + ": " + s);
            assertTrue(s.rms() > 3, l.name() + ": " + s);
            assertTrue(s.zeros() < 0.8, l.name() + ": " + s);
        }
    }

    @Test
    void theLayersWithoutTensorsAreTheBuiltNetworksLayers() {
        ModelZoo.Network n = ModelZoo.MOBILENETV2.build(64, 3);
        assertEquals(n.entries().stream().map(NetworkWriter.Entry::spec).toList(),
                ModelZoo.MOBILENETV2.layers(64).stream().map(NetworkWriter.Entry::spec).toList());
    }

    @Test
    void aSeedReproducesTheNetworkAndAnotherChangesItsTensors() {
        ModelZoo.Network a = ModelZoo.YOLOV3_TINY.build(64, 5), b = ModelZoo.YOLOV3_TINY.build(64, 5);
        ModelZoo.Network c = ModelZoo.YOLOV3_TINY.build(64, 6);
        assertEquals(a.spec(), b.spec());
        assertArrayEquals(a.entries().getFirst().weights().data(), b.entries().getFirst().weights().data());
        assertArrayEquals(a.input().data(), b.input().data());
        assertTrue(!java.util.Arrays.equals(a.entries().getFirst().weights().data(), c.entries().getFirst().weights().data()));
    }

    /** The golden model on the network's tensors in memory. */
    static Map<String, Tensor> run(ModelZoo.Network n) {
        List<NetworkWriter.Entry> e = n.entries();
        return NetworkRunner.runAll(n.spec(), n.input(), i -> e.get(i).weights(), i -> e.get(i).bias());
    }

    /** How an int8 tensor's values spread: rms, the share at -128 or 127, the share of zeros. */
    record Spread(double rms, double rails, double zeros) {
        static Spread of(Int8Tensor t) {
            byte[] d = t.data();
            double sq = 0;
            int rails = 0, zeros = 0;
            for (byte v : d) {
                sq += v * v;
                if (v == 127 || v == -128) rails++;
                if (v == 0) zeros++;
            }
            return new Spread(Math.sqrt(sq / d.length), (double) rails / d.length, (double) zeros / d.length);
        }
    }
}
