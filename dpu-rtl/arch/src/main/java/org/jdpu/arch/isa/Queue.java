package org.jdpu.arch.isa;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The engine's in-order instruction queues. Each queue executes its instructions one after the
 * other; queues run concurrently and meet only through dependency tokens ({@link Instruction#waitOn()},
 * {@link Instruction#signal()}). A queue's bit in the 4-bit token masks is {@link #bit()}, in the
 * DPU's order (LOAD bit 3, SAVE bit 2, CONV bit 1, MISC bit 0); {@link #index()} numbers the
 * per-queue counters of the control registers (LOAD 0 .. MISC 3).
 */
public enum Queue {
    LOAD(3, "DDR -> on-chip banks"),
    SAVE(2, "output buffer -> DDR"),
    CONV(1, "engine descriptor writes and convolution runs"),
    MISC(0, "the misc engine (no-op for now)");

    /** Queues, counters and token masks have this many entries. */
    public static final int COUNT = 4;

    private final int bit;
    private final String description;

    Queue(int bit, String description) {
        this.bit = bit;
        this.description = description;
    }

    /** The queue's bit in a wait or signal mask. */
    public int bit() {
        return bit;
    }

    /** Position of the queue's counters (LOAD 0, SAVE 1, CONV 2, MISC 3). */
    public int index() {
        return ordinal();
    }

    public String description() {
        return description;
    }

    /** Lower-case name, as in listings. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The 4-bit mask of a set of queues. */
    public static int mask(Set<Queue> queues) {
        int m = 0;
        for (Queue q : queues) m |= 1 << q.bit;
        return m;
    }

    /** The queues of a 4-bit mask. */
    public static EnumSet<Queue> ofMask(int mask) {
        EnumSet<Queue> s = EnumSet.noneOf(Queue.class);
        for (Queue q : values()) {
            if ((mask >>> q.bit & 1) != 0) s.add(q);
        }
        return s;
    }
}
