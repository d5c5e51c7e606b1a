package org.jdpu.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signed multiply-accumulate fixture: signed narrow ports, the batch call, FST output. */
class MacTest {
    static CompiledModel model;

    @BeforeAll
    static void build() {
        model = Verilator.build(Fixtures.spec("mac").withTrace(Trace.FST));
    }

    @Test
    void signedProductsAndAccumulation() {
        RandomGenerator rnd = Seeds.random("MacTest.perCycle");
        try (Simulator sim = model.open()) {
            Port en = sim.port("en"), a = sim.port("a"), b = sim.port("b"), prod = sim.port("prod"), acc = sim.port("acc");
            assertTrue(a.signed() && acc.signed());
            sim.reset(1);
            a.set(-128);
            b.set(-128);
            sim.eval();
            assertEquals(16384, prod.get());
            a.set(127);
            b.set(-128);
            sim.eval();
            assertEquals(-16256, prod.get());

            en.set(1);
            long expected = 0;
            for (int i = 0; i < 3000; i++) {
                int x = rnd.nextInt(256) - 128, y = rnd.nextInt(256) - 128;
                a.set(x);
                b.set(y);
                sim.step();
                expected = (int) (expected + (long) x * y);
                assertEquals(expected, acc.get(), "cycle " + sim.cycle());
            }
            a.set(255); // unsigned spelling of -1 is accepted and reads back signed
            sim.eval();
            assertEquals(-1, a.get());
            assertThrows(IllegalArgumentException.class, () -> a.set(256));
            assertThrows(IllegalArgumentException.class, () -> a.set(-129));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> en.set(2));
            assertEquals("value 2 does not fit the 1-bit port 'en' (accepted: -1..1)", e.getMessage());
        }
    }

    @Test
    void batchRunMatchesPerCycleRun() {
        RandomGenerator rnd = Seeds.random("MacTest.batch");
        int n = 1000;
        int[] xs = new int[n], ys = new int[n], ens = new int[n];
        for (int i = 0; i < n; i++) {
            xs[i] = rnd.nextInt(256) - 128;
            ys[i] = rnd.nextInt(256) - 128;
            ens[i] = rnd.nextInt(4) == 0 ? 0 : 1;
        }
        long[] perCycle = new long[n];
        try (Simulator sim = model.open()) {
            sim.reset(2);
            for (int i = 0; i < n; i++) {
                sim.port("a").set(xs[i]);
                sim.port("b").set(ys[i]);
                sim.port("en").set(ens[i]);
                sim.step();
                perCycle[i] = sim.port("acc").get();
            }
        }
        try (Simulator sim = model.open()) {
            Port a = sim.port("a"), b = sim.port("b"), en = sim.port("en"), acc = sim.port("acc"), prod = sim.port("prod");
            sim.reset(2);
            try (Batch batch = sim.batch(256, List.of(a, b, en), List.of(acc, prod))) {
                for (int start = 0; start < n; start += batch.capacity()) {
                    int len = Math.min(batch.capacity(), n - start);
                    for (int c = 0; c < len; c++) {
                        batch.set(c, a, xs[start + c]);
                        batch.set(c, b, ys[start + c]);
                        batch.set(c, en, ens[start + c]);
                    }
                    batch.run(len);
                    for (int c = 0; c < len; c++) {
                        assertEquals(perCycle[start + c], batch.get(c, acc), "cycle " + (start + c));
                        assertEquals((long) xs[start + c] * ys[start + c], batch.get(c, prod));
                    }
                }
                assertEquals(2 + n, sim.cycle());
                assertEquals(perCycle[n - 1], acc.get(), "ports hold the last cycle's values after a batch");
                assertThrows(IllegalArgumentException.class, () -> batch.set(0, a, 300));
                assertThrows(IllegalArgumentException.class, () -> batch.get(0, a));
                assertThrows(IllegalArgumentException.class, () -> batch.run(257));
                assertThrows(IllegalArgumentException.class, () -> sim.batch(4, List.of(acc), List.of()));
            }
        }
    }

    @Test
    void closingTheSimulatorClosesItsBatches() {
        Simulator sim = model.open();
        Port a = sim.port("a"), acc = sim.port("acc");
        Batch batch = sim.batch(8, List.of(a), List.of(acc));
        batch.set(0, a, 5);
        sim.close();
        assertTrue(batch.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> batch.run(1));
        assertEquals("the simulator of mac is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> batch.get(0, acc));
        assertThrows(IllegalStateException.class, () -> batch.set(0, a, 1));
    }

    @Test
    void writesAnFstWaveform(@TempDir Path dir) throws Exception {
        Path fst = dir.resolve("mac.fst");
        try (Simulator sim = model.open(fst)) {
            sim.reset(1);
            sim.port("en").set(1);
            sim.port("a").set(3);
            sim.port("b").set(-7);
            sim.step(50);
            assertEquals(-1050, sim.port("acc").get());
        }
        assertTrue(Files.size(fst) > 100, "FST file written: " + Files.size(fst) + " bytes");
    }

    @Test
    void defaultBatchCapacityFillsTheCacheBudget() {
        try (Simulator sim = model.open()) {
            Port a = sim.port("a"), b = sim.port("b"), en = sim.port("en"), acc = sim.port("acc");
            try (Batch batch = sim.batch(List.of(a, b, en), List.of(acc))) {
                long row = batch.inputStride() + batch.outputStride();
                assertEquals(7, row);
                assertEquals(Batch.CACHE_BUDGET / 7, batch.capacity(), "as many rows as fit in the budget");
            }
        }
    }
}
