package org.jdpu.dse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * most their cost beats by more than that factor, nearest to a front first, at most
     * {@code limit} of them (the fronts' own points before any other). With margin 0 they are the
     * fronts' points and their ties.
     */
    public static List<Outcome.Evaluated> withinMargin(List<Outcome.Evaluated> points, double margin, int limit) {
        // Per point, its frames/s over the best of the points of at most its cost, the best ratio over the costs.
        Map<Outcome.Evaluated, Double> closeness = new IdentityHashMap<>();
        for (ToDoubleFunction<Outcome.Evaluated> cost : COSTS.values()) {
            double best = Double.NEGATIVE_INFINITY;
            for (Outcome.Evaluated p : byCost(points, cost)) {
                double r = best <= 0 ? Double.POSITIVE_INFINITY : p.framesPerSecond() / best;
                if (r * (1 + margin) >= 1) closeness.merge(p, r, Math::max);
                best = Math.max(best, p.framesPerSecond());
            }
        }
        List<Outcome.Evaluated> out = new ArrayList<>(closeness.keySet());
        out.sort(Comparator.comparingDouble((Outcome.Evaluated p) -> closeness.get(p)).reversed());
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** In increasing cost, the faster first among equal costs. */
    private static List<Outcome.Evaluated> byCost(List<Outcome.Evaluated> points, ToDoubleFunction<Outcome.Evaluated> cost) {
        List<Outcome.Evaluated> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(cost).thenComparing(Comparator.comparingDouble(Outcome.Evaluated::framesPerSecond).reversed()));
        return sorted;
    }
}
