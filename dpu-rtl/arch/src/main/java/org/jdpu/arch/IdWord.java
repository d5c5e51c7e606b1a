package org.jdpu.arch;

/**
 * The read-only ID register: the configuration a bitstream was built for, so the host (and the
 * cosim) can refuse to drive an engine other than the one it compiled for. Bits 7:0 PP, 15:8 ICP,
 * 23:16 OCP.
 */
public final class IdWord {
    private IdWord() {}

    /** Fields are 8 bits wide. */
    public static final int FIELD_BITS = 8;

    /** The ID value of {@code c}. */
    public static long of(DpuConfig c) {
        return c.pp() | (long) c.icp() << FIELD_BITS | (long) c.ocp() << (2 * FIELD_BITS);
    }

    /** "PPxICPxOCP" read back from an ID value. */
    public static String describe(long id) {
        long mask = (1L << FIELD_BITS) - 1;
        return (id & mask) + "x" + (id >>> FIELD_BITS & mask) + "x" + (id >>> (2 * FIELD_BITS) & mask);
    }
}
