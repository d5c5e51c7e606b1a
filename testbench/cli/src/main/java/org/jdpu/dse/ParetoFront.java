package org.jdpu.dse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The evaluated candidates no other beats on both frames/s and one resource (fewer is better). */
public final class ParetoFront {
    private ParetoFront() {}

    /** The resources the fronts are drawn against, by name. */
    public static final Map<String, ToDoubleFunction<Outcome.Evaluated>> COSTS;
    static {
        Map<String, ToDoubleFunction<Outcome.Evaluated>> m = new LinkedHashMap<>();
        m.put("DSP", e -> e.resources().dsps());
        m.put("LUT", e -> e.resources().luts());
        m.put("BRAM36", e -> e.resources().bram36());
        COSTS = Collections.unmodifiableMap(m);
    }

    /** The front by {@code cost}, in increasing cost (and so increasing frames/s). */
    public static List<Outcome.Evaluated> of(List<Outcome.Evaluated> points, ToDoubleFunction<Outcome.Evaluated> cost) {
        List<Outcome.Evaluated> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Outcome.Evaluated p : byCost(points, cost)) {
            if (p.framesPerSecond() > best) {
                front.add(p);
                best = p.framesPerSecond();
            }
        }
        return front;
    }

    /**
     * The points that could be on a front of any of {@link #COSTS} were their frames/s
     * underestimated by up to {@code margin} (0.1: 10 %) against the others': those no point of at
     * most their cost beats by more than that factor. With margin 0 they are the fronts' points
     * (and ties).
     */
    public static Set<Outcome.Evaluated> withinMargin(List<Outcome.Evaluated> points, double margin) {
        Set<Outcome.Evaluated> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ToDoubleFunction<Outcome.Evaluated> cost : COSTS.values()) {
            double best = Double.NEGATIVE_INFINITY;
            for (Outcome.Evaluated p : byCost(points, cost)) {
                if (p.framesPerSecond() * (1 + margin) >= best) out.add(p);
                best = Math.max(best, p.framesPerSecond());
            }
        }
        return out;
    }

    /** In increasing cost, the faster first among equal costs. */
    private static List<Outcome.Evaluated> byCost(List<Outcome.Evaluated> points, ToDoubleFunction<Outcome.Evaluated> cost) {
        List<Outcome.Evaluated> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(cost).thenComparing(Comparator.comparingDouble(Outcome.Evaluated::framesPerSecond).reversed()));
        return sorted;
    }
}
