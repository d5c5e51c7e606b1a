package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How fast the Verilated DDR model simulates on its own (64 MiB, the cosimulation default) under a
 * hardware traffic generator, IDEAL against ZCU102_HP timing. The figures are printed, not
 * asserted (they depend on the machine and its load); the traffic is checked to have flowed.
 */
class DdrSpeedTest {
    static final long CYCLES = 2_000_000;

    @Test
    void printsCyclesPerSecondUnderIdealAndRealisticTiming() {
        CompiledModel model = Rtl.model(() -> new DdrTraffic(AxiConfig.DEFAULT, AxiDdr.DEFAULT_SIZE_BYTES), DdrTraffic.TOP);
        double ideal = 0, real = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            ideal = measure(model, DdrTiming.IDEAL);
            real = measure(model, DdrTiming.ZCU102_HP);
        }
        System.out.printf("DdrSpeedTest: axi_ddr alone, %d cycles: IDEAL %.2f Mcycles/s, ZCU102_HP %.2f Mcycles/s, "
                + "time ratio ZCU102_HP/IDEAL %.2f%n", CYCLES, ideal / 1e6, real / 1e6, ideal / real);
    }

    private static double measure(CompiledModel model, DdrTiming t) {
        try (Simulator sim = model.open()) {
            sim.port("cfg_read_latency").set(t.readLatency());
            sim.port("cfg_write_latency").set(t.writeLatency());
            sim.port("cfg_outstanding").set(t.outstanding());
            sim.port("cfg_beat_gap").set(t.beatGap());
            sim.reset(2);
            long t0 = System.nanoTime();
            sim.step(CYCLES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            sim.eval();
            long beats = sim.port("beats").get();
            System.out.printf("DdrSpeedTest: %s: %d beats in %d cycles (%.2f per cycle of 3 channels)%n",
                    t, beats, CYCLES, (double) beats / CYCLES);
            assertTrue(beats > CYCLES, "traffic must flow on more than one channel");
            return CYCLES / seconds;
        }
    }
}
