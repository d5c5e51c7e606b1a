package org.jdpu.compiler;

import org.jdpu.cases.LayerCase;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers the engine has no hardware for are refused with a reason, never run. */
class EngineLayerTest {
    private static final FeatureShape IN = new FeatureShape(6, 6, 4);
    private static final Window W3 = new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1));
    private static final Quant.ShiftQuant SHIFT = new Quant.ShiftQuant(4, 7, 6, 3);

    @Test
    void refusesWhatTheEngineCannotCompute() {
        List<LayerSpec> refused = List.of(
                new DepthwiseConv2dSpec(IN, 1, W3, SHIFT, Activation.NONE),
                new PoolSpec(PoolSpec.Kind.MAX, IN, new Window(2, 2, 2, 2, 1, 1, Padding.NONE), Activation.NONE),
                new AddSpec(IN, new AddSpec.AddQuant(4, 4, 3), Activation.NONE),
                new DenseSpec(new FeatureShape(17, 2, 3), 10, SHIFT, Activation.NONE),
                new GlobalAvgPoolSpec(IN, PoolQuant.SHIFT, Activation.NONE),
                new UpsampleSpec(IN, 2, 2),
                new Conv2dSpec(IN, 4, W3, new Quant.NoQuant(0, 0), Activation.NONE));
        for (LayerSpec s : refused) {
            UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class, () -> EngineLayer.of(s),
                    s.op());
            assertTrue(e.getMessage().contains("not supported by the engine yet"), e.getMessage());
        }
    }

    @Test
    void multiplierModeBecomesTheTfliteRequantisersSettings() {
        EngineLayer l = EngineLayer.of(new Conv2dSpec(IN, 4, W3, new Quant.MultiplierQuant(-128, 127,
                new int[] {1 << 30, 1 << 30, 1 << 30, 1 << 30}, new int[] {-3, -3, -3, -3}), Activation.RELU));
        assertTrue(l.post().multiplierMode());
        assertEquals(-128, l.post().padValue(), "padding supplies the input zero point");
        assertEquals(127, l.post().outZeroPoint());
        assertEquals(127, l.post().outMin(), "relu clamps at the output zero point");
        assertEquals(127, l.post().outMax());
    }

    @Test
    void aDenseLayerIsTheConvolutionOfItsWholeMap() {
        EngineLayer l = EngineLayer.of(new DenseSpec(IN, 10, SHIFT, Activation.RELU));
        assertTrue(l.geometry().kh() == 6 && l.geometry().kw() == 6 && l.geometry().outH() == 1 && l.geometry().outW() == 1
                && l.geometry().outC() == 10 && l.geometry().inC() == 4, l.geometry().toString());
    }

    @Test
    void refusesSoftmaxAsAHostLayer() {
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> EngineLayer.of(SoftmaxSpec.of(new FeatureShape(1, 1, 10), 1.0, 0.1)));
        assertTrue(e.getMessage().startsWith("softmax runs on the host CPU"), e.getMessage());
    }

    @Test
    void mapsAShiftModeConvolution() {
        EngineLayer l = EngineLayer.of(LayerCase.conv(6, 7, 4, 5, 3, 1, 2, 1, 1, 1, new Padding(1, 0, 1, 0), SHIFT,
                new Activation.Clamp(-3, 9)));
        assertEquals(3, l.geometry().outH());
        assertEquals(7, l.geometry().outW());
        assertEquals(-3, l.post().outMin());
        assertEquals(9, l.post().outMax());
        assertEquals(4 + 7 - 6 + 1, l.post().biasShift());
        assertEquals(4 + 7 - 3 + 1, l.post().cutShift());
    }
}
