package org.jdpu.hdl.tests;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Seeded random sources: each test prints its seed; {@code -Djdpu.seed=N} replays a run. */
final class Seeds {
    private Seeds() {}

    static long seed(String test) {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println(test + ": seed " + seed + " (replay with -Djdpu.seed=" + seed + ")");
        return seed;
    }

    static RandomGenerator random(String test) {
        return new Well19937c(seed(test));
    }
}
