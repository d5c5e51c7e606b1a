package org.jdpu.dse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The evaluated candidates no other beats on both frames/s and one resource (fewer is better). */
public final class ParetoFront {
    private ParetoFront() {}

    /** The front by {@code cost}, in increasing cost (and so increasing frames/s). */
    public static List<Outcome.Evaluated> of(List<Outcome.Evaluated> points, ToDoubleFunction<Outcome.Evaluated> cost) {
        List<Outcome.Evaluated> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(cost).thenComparing(Comparator.comparingDouble(Outcome.Evaluated::framesPerSecond).reversed()));
        List<Outcome.Evaluated> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Outcome.Evaluated p : sorted) {
            if (p.framesPerSecond() > best) {
                front.add(p);
                best = p.framesPerSecond();
            }
        }
        return front;
    }
}
