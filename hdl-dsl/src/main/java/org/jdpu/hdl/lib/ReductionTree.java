package org.jdpu.hdl.lib;

import org.jdpu.hdl.Signal;
import org.jdpu.hdl.internal.PairTree;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

import static org.jdpu.hdl.Hdl.regNext;

/**
 * A balanced binary tree of one associative operator over a list of terms, built into the module
 * under construction: an adder tree ({@code SInt::add}, widths grow one bit a level), a tree of
 * maxima, an AND of flags. Level 0 combines terms (0, 1), (2, 3), ...; an odd last term goes up
 * unchanged; n terms take ceil(log2 n) levels.
 *
 * <p>Pipelined, the tree registers every value of a level before each operator level that is a
 * multiple of {@code levelsPerStage} (registers {@code <name><level>_<i>}, no reset), never after
 * the last level: the root stays combinational so the caller can register it or fold it into its
 * next operation (an accumulator, say). The root of the terms presented in cycle t is therefore
 * ready in cycle t + {@link Result#latency()}, and signals that must stay aligned with it (valid,
 * flags) are delayed by that latency, e.g. with {@link Delay#withReset}.
 */
public final class ReductionTree {
    private ReductionTree() {}

    /**
     * The root and its latency in cycles.
     *
     * @param value   the combinational root
     * @param latency register stages between the terms and the root
     */
    public record Result<T>(T value, int latency) {}

    /** The combinational tree (no registers). */
    public static <T extends Signal> T of(List<T> terms, BinaryOperator<T> op) {
        return PairTree.reduce(checked(terms), (level, a, b) -> op.apply(a, b), 0, null);
    }

    /**
     * The tree registered every {@code levelsPerStage} levels (0: not at all), registers named
     * {@code <name><level>_<i>}.
     */
    public static <T extends Signal> Result<T> pipelined(String name, List<T> terms, BinaryOperator<T> op,
            int levelsPerStage) {
        T root = PairTree.reduce(checked(terms), (level, a, b) -> op.apply(a, b), levelsPerStage, (level, values) -> {
            List<T> registered = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                registered.add(regNext(name + level + "_" + i, values.get(i)));
            }
            return registered;
        });
        return new Result<>(root, latency(terms.size(), levelsPerStage));
    }

    /** Operator levels over {@code terms} terms: ceil(log2 terms). */
    public static int levels(int terms) {
        return PairTree.levels(terms);
    }

    /** Register stages, hence cycles of latency, of a tree over {@code terms} terms cut every {@code levelsPerStage} levels. */
    public static int latency(int terms, int levelsPerStage) {
        return PairTree.stages(terms, levelsPerStage);
    }

    private static <T> List<T> checked(List<T> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a reduction tree needs at least one term");
        }
        return terms;
    }
}
