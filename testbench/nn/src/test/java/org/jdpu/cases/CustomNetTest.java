package org.jdpu.cases;

import org.jdpu.golden.Golden;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CustomNetTest {
    @Test
    void theFullNetworkHasCustomNetsShapesAndRunsOnTheGoldenModel() {
        CustomNet net = CustomNet.of(224, 1);
        int[][] shapes = {{224, 224, 32}, {56, 56, 32}, {56, 56, 64}, {14, 14, 64}, {14, 14, 128}, {3, 3, 128}, {1, 1, 128},
                {1, 1, 10}};
        assertEquals(shapes.length, net.spec().layers().size());
        for (int i = 0; i < shapes.length; i++) {
            NetworkSpec.Layer l = net.spec().layers().get(i);
            LayerChecks.validate(l.spec());
            assertArrayEquals(new int[] {1, shapes[i][0], shapes[i][1], shapes[i][2]}, l.spec().output().tensorShape(), l.name());
        }
        // conv1 37.6M, conv2 160.6M, conv3 40.1M, dense 147k + 1.3k MACs
        assertEquals(224L * 224 * 32 * 25 * 3 + 56L * 56 * 64 * 25 * 32 + 14L * 14 * 128 * 25 * 64 + 1152L * 128 + 1280,
                net.macs());
        CustomNet small = CustomNet.of(64, 2);
        Int8Tensor x = small.input();
        for (int i = 0; i < small.spec().layers().size(); i++) {
            Operands o = small.operands().get(i);
            x = (Int8Tensor) Golden.run(small.spec().layers().get(i).spec(), x, o.weights(), o.bias());
        }
        assertArrayEquals(new int[] {1, 1, 1, 10}, x.shape());
    }
}
