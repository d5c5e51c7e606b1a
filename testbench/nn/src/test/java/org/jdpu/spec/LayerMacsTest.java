package org.jdpu.spec;

import org.jdpu.spec.Quant.ShiftQuant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MACs per layer kind, against counts worked out by hand. */
class LayerMacsTest {
    private static final ShiftQuant Q = new ShiftQuant(4, 7, 11, 4);

    @Test
    void aConvolutionCountsEveryTapOfEveryOutput() {
        // 112x112x64 outputs (7x7, stride 2, pad 3 on 224x224x3), 7*7*3 taps each.
        Conv2dSpec c = new Conv2dSpec(new FeatureShape(224, 224, 3), 64, new Window(7, 7, 2, 2, 1, 1, new Padding(3, 3, 3, 3)),
                Q, Activation.RELU);
        assertEquals(112L * 112 * 64 * 7 * 7 * 3, LayerMacs.of(c));
    }

    @Test
    void aDepthwiseConvolutionReadsOneChannelPerOutput() {
        DepthwiseConv2dSpec d = new DepthwiseConv2dSpec(new FeatureShape(56, 56, 144), 1,
                new Window(3, 3, 2, 2, 1, 1, new Padding(1, 1, 1, 1)), Q, Activation.RELU6);
        assertEquals(28L * 28 * 144 * 9, LayerMacs.of(d));
    }

    @Test
    void aDenseLayerCountsInputsTimesOutputsAndTheRestCountNothing() {
        assertEquals(3L * 3 * 128 * 10, LayerMacs.of(new DenseSpec(new FeatureShape(3, 3, 128), 10, Q, Activation.NONE)));
        FeatureShape s = new FeatureShape(8, 8, 16);
        assertEquals(0, LayerMacs.of(new PoolSpec(PoolSpec.Kind.MAX, s, new Window(2, 2, 2, 2, 1, 1, Padding.NONE),
                Activation.NONE)));
        assertEquals(0, LayerMacs.of(new UpsampleSpec(s, 2, 2)));
        assertEquals(0, LayerMacs.of(new AddSpec(s, new AddSpec.AddQuant(4, 4, 4), Activation.NONE)));
    }
}
