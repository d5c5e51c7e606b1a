package org.jdpu.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The DDR timing record: its limits and the words reports print for it. */
class DdrTimingTest {

    @Test
    void readsAsWordsInReports() {
        assertEquals("read latency 40 cycles, write latency 21 cycles, 16 bursts outstanding, 0.889 beats/cycle (beat gap 2/16)",
                DdrTiming.ZCU102_HP.toString());
        assertEquals("read latency 0 cycles, write latency 0 cycles, 32 bursts outstanding, 1.000 beats/cycle (beat gap 0/16)",
                DdrTiming.IDEAL.toString());
    }

    @Test
    void refusesFieldsBeyondTheirPorts() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DdrTiming(DdrTiming.MAX_LATENCY + 1, 0, 1, 0));
        assertEquals("read latency must be 0..1023, got 1024", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DdrTiming(0, 0, 0, 0));
        assertEquals("outstanding bursts must be 1..32, got 0", e.getMessage());
    }
}
