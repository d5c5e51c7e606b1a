package org.jdpu.golden;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Nearest-neighbour upsampling copies each pixel to a block; values are never changed. */
class UpsampleTest {
    @Test
    void twoByTwoCopiesEachPixelToABlock() {
        Int8Tensor x = Int8Tensor.of(new int[] {1, 2, 2, 2}, 1, -1, 2, -2, 3, -3, 4, -4);
        Int8Tensor y = (Int8Tensor) Golden.run(new UpsampleSpec(new FeatureShape(2, 2, 2), 2, 2), x, null, null);
        assertArrayEquals(new int[] {1, 4, 4, 2}, y.shape());
        assertArrayEquals(new byte[] {
                1, -1, 1, -1, 2, -2, 2, -2,
                1, -1, 1, -1, 2, -2, 2, -2,
                3, -3, 3, -3, 4, -4, 4, -4,
                3, -3, 3, -3, 4, -4, 4, -4}, y.data());
    }

    @Test
    void factorsMayDifferPerAxis() {
        Int8Tensor x = Int8Tensor.of(new int[] {1, 1, 2, 1}, 7, 9);
        Int8Tensor y = (Int8Tensor) Golden.run(new UpsampleSpec(new FeatureShape(1, 2, 1), 2, 3), x, null, null);
        assertArrayEquals(new int[] {1, 2, 6, 1}, y.shape());
        assertArrayEquals(new byte[] {7, 7, 7, 9, 9, 9, 7, 7, 7, 9, 9, 9}, y.data());
    }

    @Test
    void everyOutputPixelIsItsNearestSource() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("UpsampleTest seed " + seed + " (rerun with -Djdpu.seed=" + seed + ")");
        RandomLayers r = new RandomLayers(new RandomDataGenerator(new Well19937c(seed)));
        for (int i = 0; i < 100; i++) {
            UpsampleSpec spec = new UpsampleSpec(new FeatureShape(r.between(1, 6), r.between(1, 6), r.between(1, 5)),
                    r.between(1, 4), r.between(1, 4));
            Int8Tensor x = r.int8(spec.input().tensorShape());
            Int8Tensor y = (Int8Tensor) Golden.run(spec, x, null, null);
            for (int oy = 0; oy < spec.outputHeight(); oy++)
                for (int ox = 0; ox < spec.outputWidth(); ox++)
                    for (int c = 0; c < spec.outputChannels(); c++)
                        assertEquals(x.get(0, oy / spec.factorH(), ox / spec.factorW(), c), y.get(0, oy, ox, c),
                                "case " + i + ": " + spec + " at " + oy + "," + ox + "," + c);
        }
    }
}
