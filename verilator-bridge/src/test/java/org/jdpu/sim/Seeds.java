package org.jdpu.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Seeded random sources for tests: the seed is printed, and {@code -Djdpu.seed=N} replays a run. */
final class Seeds {
    private Seeds() {}

    static RandomGenerator random(String test) {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println(test + ": seed " + seed + " (replay with -Djdpu.seed=" + seed + ")");
        return new Well19937c(seed);
    }
}
