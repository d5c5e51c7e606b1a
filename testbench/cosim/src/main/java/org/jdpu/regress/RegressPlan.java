package org.jdpu.regress;

import java.util.ArrayList;
import java.util.List;

/**
 * What a whole regression runs, before it is split into shards: every configuration gets the
 * layers drawn from seeds {@code seed .. seed+layers-1}, then every configuration the networks drawn
 * from seeds {@code seed .. seed+networks-1}, every other network under DDR stress. Every shard of
 * one regression has the same plan, so each can rebuild the whole case list and take its slice.
 *
 * @param archs    the configurations, as {@code --arch} takes them, in order
 * @param seed     the first seed
 * @param layers   random layers per configuration
 * @param networks random networks per configuration
 */
public record RegressPlan(List<String> archs, long seed, int layers, int networks) {

    public RegressPlan {
        archs = List.copyOf(archs);
        if (archs.isEmpty()) throw new IllegalArgumentException("a regression needs at least one configuration");
        if (layers < 0) throw new IllegalArgumentException("--layers must be at least 0, got " + layers);
        if (networks < 0) throw new IllegalArgumentException("--networks must be at least 0, got " + networks);
        if (layers == 0 && networks == 0) {
            throw new IllegalArgumentException("nothing to run: --layers and --networks are both 0");
        }
    }

    /** Every case, in the order their indices give. */
    public List<RegressCase> cases() {
        List<RegressCase> cases = new ArrayList<>();
        for (String a : archs) {
            for (int i = 0; i < layers; i++) {
                cases.add(new RegressCase(cases.size(), RegressCase.Kind.LAYER, a, seed + i, false));
            }
        }
        for (String a : archs) {
            for (int i = 0; i < networks; i++) {
                cases.add(new RegressCase(cases.size(), RegressCase.Kind.NETWORK, a, seed + i, i % 2 == 1));
            }
        }
        return cases;
    }

    /** How many cases {@link #cases()} has. */
    public int size() {
        return archs.size() * (layers + networks);
    }

    @Override
    public String toString() {
        return "archs=" + archs + " seed=" + seed + " layers=" + layers + " networks=" + networks;
    }
}
