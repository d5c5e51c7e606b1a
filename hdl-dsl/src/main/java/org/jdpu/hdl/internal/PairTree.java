package org.jdpu.hdl.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The balanced pairwise tree behind every reduction the DSL builds: the multiplexer tree of
 * {@code Hdl.select} and the library's {@code ReductionTree} (adder trees, comparator trees, ...).
 * Each level combines neighbours (0, 1), (2, 3), ...; an odd last element goes up unchanged, so a
 * tree over n terms has ceil(log2 n) levels. Optionally a whole level is registered before every
 * {@code levelsPerStage}-th operator level (never after the last one: the root stays
 * combinational, for the caller to register or to merge into its next operation).
 *
 * <p>Not API: public only because the library lives in another package than the core that shares
 * it. It builds nothing itself; the callbacks do.
 */
public final class PairTree {
    private PairTree() {}

    /** Combines two neighbours on operator level {@code level} (0 = the level reading the terms). */
    @FunctionalInterface
    public interface Pair<T> {
        T combine(int level, T left, T right);
    }

    /** Registers every value of a level before it enters operator level {@code level}. */
    @FunctionalInterface
    public interface Cut<T> {
        List<T> register(int level, List<T> values);
    }

    /** Operator levels of a tree over {@code n} terms: ceil(log2 n), 0 for one term. */
    public static int levels(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a tree needs at least one term, got " + n);
        }
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    /**
     * Register stages of a tree over {@code n} terms cut every {@code levelsPerStage} levels: one
     * before each operator level that is a positive multiple of it; none when it is 0.
     */
    public static int stages(int n, int levelsPerStage) {
        checkLevelsPerStage(levelsPerStage);
        int levels = levels(n);
        return levelsPerStage == 0 || levels == 0 ? 0 : (levels - 1) / levelsPerStage;
    }

    /** The root of the tree over {@code terms}, built level by level with {@code pair} and {@code cut}. */
    public static <T> T reduce(List<? extends T> terms, Pair<T> pair, int levelsPerStage, Cut<T> cut) {
        levels(terms.size());
        checkLevelsPerStage(levelsPerStage);
        List<T> level = new ArrayList<>(terms);
        for (int depth = 0; level.size() > 1; depth++) {
            if (levelsPerStage > 0 && depth > 0 && depth % levelsPerStage == 0) {
                level = new ArrayList<>(cut.register(depth, level));
            }
            List<T> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(pair.combine(depth, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.getLast());
            }
            level = next;
        }
        return level.getFirst();
    }

    private static void checkLevelsPerStage(int levelsPerStage) {
        if (levelsPerStage < 0) {
            throw new IllegalArgumentException("levels per stage must be 0 (no registers) or positive, got "
                    + levelsPerStage);
        }
    }
}
