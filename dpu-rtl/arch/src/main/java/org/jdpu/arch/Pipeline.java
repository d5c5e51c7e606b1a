package org.jdpu.arch;

/**
 * Pipeline depths of the engine, shared by the generator (which builds exactly these stages) and
 * the cycle model (which adds them up). Changing a stage in the hardware means changing it here.
 */
public final class Pipeline {
    private Pipeline() {}

    /**
     * Cycles from the sequencer issuing a step to its operands sitting in the first processing
     * element: address arithmetic, bank addressing and RAM read, the RAM output register, lane
     * rotation and padding.
     */
    public static final int FRONT = 4;
    /** Adder-tree levels a processing element evaluates between two registers. */
    public static final int TREE_LEVELS_PER_STAGE = 2;
    /**
     * Cycles of the post-processing unit: input registers, bias alignment, N, left shift,
     * activation (two stages), rounding add, rounding shift, saturation.
     */
    public static final int POST = 9;

    /** Levels of the pairwise adder tree that sums {@code icp} products. */
    public static int treeLevels(int icp) {
        return 32 - Integer.numberOfLeadingZeros(icp - 1);
    }

    /**
     * Registers inside the adder tree: one after every {@link #TREE_LEVELS_PER_STAGE} levels,
     * except that the last group of levels shares its cycle with the accumulator.
     */
    public static int treeRegisters(int icp) {
        int levels = treeLevels(icp);
        return levels == 0 ? 0 : (levels - 1) / TREE_LEVELS_PER_STAGE;
    }

    /**
     * Cycles inside a processing element, from its operand registers to its accumulator: the
     * product register, the adder tree's registers, the accumulate.
     */
    public static int pe(int icp) {
        return 2 + treeRegisters(icp);
    }
}
