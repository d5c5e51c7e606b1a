package org.jdpu.hdl.tests;

import org.apache.commons.math3.random.RandomGenerator;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.examples.PeGrid;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's example, a small systolic grid of dot-product elements, simulated against a
 * cycle-by-cycle Java model: operands hop one element per cycle, each element accumulates the
 * products of its registered operands and restarts when its registered {@code first} is set.
 */
class GridTest {
    static final int ROWS = 2, COLS = 3, LANES = 2, ACC = 20;

    /** Registered state of one element. */
    static final class Element {
        int[] a = new int[LANES];
        int[] w = new int[LANES];
        boolean first;
        long total;
    }

    @Test
    void gridMatchesTheJavaModel() {
        RandomGenerator rnd = Seeds.random("GridTest");
        CompiledModel model = Hw.model(Design.elaborate(() -> new PeGrid(ROWS, COLS, LANES, ACC)), "pe_grid_sim");
        try (Simulator sim = model.open()) {
            Port[][] a = new Port[ROWS][LANES];
            Port[][] w = new Port[COLS][LANES];
            for (int l = 0; l < LANES; l++) {
                for (int r = 0; r < ROWS; r++) {
                    a[r][l] = sim.port("a_" + r + "_" + l);
                }
                for (int c = 0; c < COLS; c++) {
                    w[c][l] = sim.port("w_" + c + "_" + l);
                }
            }
            Port first = sim.port("first");
            Element[][] pe = new Element[ROWS][COLS];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    pe[r][c] = new Element();
                }
            }
            sim.reset(1);
            // Reset clears only the accumulators and the first flags; operand registers have no reset,
            // so zero inputs are shifted through every hop before the model takes over.
            for (int warm = 0; warm < ROWS + COLS; warm++) {
                sim.step();
            }
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    pe[r][c].total = sim.port("acc_" + (r * COLS + c)).get();
                }
            }
            long mask = (1L << ACC) - 1;
            for (int cycle = 0; cycle < 400; cycle++) {
                int[][] av = new int[ROWS][LANES];
                int[][] wv = new int[COLS][LANES];
                boolean f = rnd.nextInt(8) == 0;
                for (int l = 0; l < LANES; l++) {
                    for (int r = 0; r < ROWS; r++) {
                        av[r][l] = rnd.nextInt(256) - 128;
                        a[r][l].set(av[r][l]);
                    }
                    for (int c = 0; c < COLS; c++) {
                        wv[c][l] = rnd.nextInt(256) - 128;
                        w[c][l].set(wv[c][l]);
                    }
                }
                first.set(f ? 1 : 0);
                sim.step();
                Element[][] next = new Element[ROWS][COLS];
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLS; c++) {
                        Element e = pe[r][c];
                        Element n = new Element();
                        long dot = 0;
                        for (int l = 0; l < LANES; l++) {
                            dot += (long) e.a[l] * e.w[l];
                            n.a[l] = c == 0 ? av[r][l] : pe[r][c - 1].a[l];
                            n.w[l] = r == 0 ? wv[c][l] : pe[r - 1][c].w[l];
                        }
                        n.first = r == 0 ? f : pe[r - 1][c].first;
                        long sum = e.first ? dot : e.total + dot;
                        n.total = ((sum & mask) ^ (1L << (ACC - 1))) - (1L << (ACC - 1));
                        next[r][c] = n;
                    }
                }
                pe = next;
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLS; c++) {
                        assertEquals(pe[r][c].total, sim.port("acc_" + (r * COLS + c)).get(),
                                "cycle " + cycle + " element " + r + "," + c);
                    }
                }
            }
        }
    }
}
