package org.jdpu.regress;

import java.util.Locale;

/**
 * One case of a regression: a random conv2d layer through the convolution core, or a random
 * network through the network engine, on one configuration, drawn from one seed.
 *
 * @param index  its place in the whole regression's case list ({@link RegressPlan#cases()}), which
 *               shards split and merges check
 * @param kind   what runs
 * @param arch   the configuration, as {@code --arch} takes it
 * @param seed   the seed the layer or network is drawn from
 * @param stress a network under random AXI back-pressure and latency from {@code seed}
 */
public record RegressCase(int index, Kind kind, String arch, long seed, boolean stress) {

    /** What a case runs. */
    public enum Kind {
        /** A random layer on the convolution core's debug port, checked against the golden and cycle models. */
        LAYER,
        /** A random conv2d chain on the network engine, checked against golden, ISS and the whole-program model. */
        NETWORK;

        /** The lower-case word the reports use. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a report's word names. */
        public static Kind of(String label) {
            for (Kind k : values()) if (k.label().equals(label)) return k;
            throw new IllegalArgumentException("unknown case kind '" + label + "' (layer or network)");
        }
    }

    public RegressCase {
        if (index < 0) throw new IllegalArgumentException("negative case index " + index);
        if (arch == null || arch.isEmpty()) throw new IllegalArgumentException("a case needs an architecture");
        if (stress && kind != Kind.NETWORK) throw new IllegalArgumentException("only networks run under stress");
    }

    /** The test's name within its configuration and kind: {@code seed=7}, {@code seed=8 stress}. */
    public String testName() {
        return "seed=" + seed + (stress ? " stress" : "");
    }

    /** What identifies it in messages: {@code B512 layer seed=7}. */
    public String id() {
        return arch + " " + kind.label() + " " + testName();
    }

    @Override
    public String toString() {
        return id();
    }
}
