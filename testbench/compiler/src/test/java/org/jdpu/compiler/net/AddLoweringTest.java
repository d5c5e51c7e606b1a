package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.golden.Golden;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An add as a diagonal 1x1 convolution: the accumulator {@code a*2^shiftA + b*2^shiftB} (summed over
 * the repeated taps of a shift above 6) through the lowering's post-processing equals the golden
 * model's add, for random fix points (differing by up to 14) and activations.
 */
class AddLoweringTest {
    static final DpuConfig B512 = DpuConfig.parse("B512");

    @Test
    void theDiagonalConvolutionIsTheGoldenAdd() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("AddLoweringTest seed " + seed);
        Random rnd = new Random(seed);
        for (int t = 0; t < 300; t++) {
            int fpA = rnd.nextInt(9) - 2, fpB = fpA + rnd.nextInt(29) - 14, fpOut = Math.max(fpA, fpB) - rnd.nextInt(8);
            Activation act = switch (rnd.nextInt(5)) {
                case 0 -> Activation.NONE;
                case 1 -> Activation.RELU;
                case 2 -> Activation.RELU6;
                case 3 -> Activation.LEAKY_RELU;
                default -> new Activation.Clamp(-rnd.nextInt(100), rnd.nextInt(100));
            };
            int n = 64;
            AddSpec spec = new AddSpec(new FeatureShape(1, 1, n), new AddSpec.AddQuant(fpA, fpB, fpOut), act);
            byte[] a = new byte[n], b = new byte[n];
            rnd.nextBytes(a);
            rnd.nextBytes(b);
            a[0] = b[0] = Byte.MIN_VALUE;
            a[1] = b[1] = Byte.MAX_VALUE;
            Int8Tensor want = Golden.add(spec, new Int8Tensor(new int[] {1, 1, 1, n}, a), new Int8Tensor(new int[] {1, 1, 1, n}, b));
            AddLowering low = AddLowering.of(B512, spec);
            int p = B512.icp(), taps = low.params().kh() * low.params().kw();
            int d = Math.abs(fpA - fpB);
            assertEquals(d <= AddLowering.MAX_SHIFT ? 1 : 1 << (d - AddLowering.MAX_SHIFT), taps, "taps of " + spec);
            for (int i = 0; i < n; i++) {
                int acc = 0;
                for (int k = 0; k < taps; k++) acc += a[i] * low.weights()[k * 2 * p] + b[i] * low.weights()[k * 2 * p + p];
                assertEquals(want.data()[i], (byte) low.post().apply(acc, 0),
                        "seed " + seed + " " + spec + ": a " + a[i] + " b " + b[i]);
            }
        }
    }

    @Test
    void weightsAreTwoDiagonals() {
        AddLowering low = AddLowering.of(B512, new AddSpec(new FeatureShape(4, 4, 20), new AddSpec.AddQuant(3, 5, 4),
                Activation.NONE));
        int p = B512.icp();
        for (int o = 0; o < p; o++) {
            for (int i = 0; i < 2 * p; i++) {
                int want = i == o ? 4 : i == p + o ? 1 : 0;
                assertEquals(want, low.weights()[o * 2 * p + i], "weight " + o + "," + i);
            }
        }
        assertEquals(2 * 3 * p, low.geometry().inC(), "A's three groups and B's three groups");
    }

    @Test
    void farApartFixPointsAndUnequalParallelismAreRefused() {
        AddSpec far = new AddSpec(new FeatureShape(2, 2, 8), new AddSpec.AddQuant(0, 15, 0), Activation.NONE);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class, () -> AddLowering.of(B512, far));
        assertTrue(e.getMessage().contains("differ by 15"), e.getMessage());
        // 2^10 is 16 taps, 32 weight rows: more than half of a 32-row bank
        AddSpec ten = new AddSpec(new FeatureShape(2, 2, 8), new AddSpec.AddQuant(10, 0, 0), Activation.NONE);
        e = assertThrows(UnsupportedByEngineException.class, () -> AddLowering.of(DpuConfig.parse("4x8x8:wgt=32"), ten));
        assertTrue(e.getMessage().contains("32 weight rows"), e.getMessage());
        AddSpec ok = new AddSpec(new FeatureShape(2, 2, 8), new AddSpec.AddQuant(0, 1, 0), Activation.NONE);
        e = assertThrows(UnsupportedByEngineException.class, () -> AddLowering.of(DpuConfig.parse("2x8x3"), ok));
        assertTrue(e.getMessage().contains("ICP > OCP"), e.getMessage());
    }
}
