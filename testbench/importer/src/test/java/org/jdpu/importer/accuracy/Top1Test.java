package org.jdpu.importer.accuracy;

import org.jdpu.dataset.LabelledImages;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Counting top-1 hits and picking the predicted class. */
class Top1Test {
    @Test
    void countsPredictionsThatNameTheLabel() {
        LabelledImages images = new LabelledImages("t", 4, 1, 1, new byte[4], new byte[] {3, 1, 4, 1});
        Top1 t = Top1.of(new int[] {3, 2, 4}, images);
        assertEquals(new Top1(2, 3), t);
        assertEquals("0.6667", t.format());
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaxima() {
        assertEquals(1, Top1.argmax(new float[] {-1f, 2f, 0.5f, 2f}));
        assertEquals(0, Top1.argmax(new float[] {7f}));
    }

    @Test
    void refusesMoreHitsThanPredictions() {
        assertThrows(IllegalArgumentException.class, () -> new Top1(4, 3));
    }
}
