package org.jdpu.runtime;

/** Told how far a long job is: {@code done} of {@code total} units (cycles, layers). */
@FunctionalInterface
public interface Progress {
    void update(String what, long done, long total);

    /** Reports nothing. */
    Progress NONE = (what, done, total) -> { };
}
