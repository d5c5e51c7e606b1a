package org.jdpu.regress;

import java.util.Locale;

/**
 * How one case went.
 *
 * @param regressCase the case
 * @param status      the verdict
 * @param drawn       what its seed drew (the layer's shape, the network's size), to read a report without rerunning
 * @param message     the reason for a failure, error or skip; for a pass, its figures
 * @param cycles      the cycles it took on the RTL (compute cycles of a layer, START to done of a network), 0 if none
 * @param seconds     wall-clock time of the case
 */
public record CaseResult(RegressCase regressCase, Status status, String drawn, String message, long cycles,
                         double seconds) {

    /** A case's verdict, as JUnit reports tell them apart. */
    public enum Status {
        /** Bit-exact and cycle-exact. */
        PASSED,
        /** The RTL disagreed with a reference, hung or faulted. */
        FAILED,
        /** The case could not be run for an unexpected reason (an exception in the harness). */
        ERROR,
        /** The configuration cannot hold what the seed drew (beyond its buffers). */
        SKIPPED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String label) {
            for (Status s : values()) if (s.label().equals(label)) return s;
            throw new IllegalArgumentException("unknown status '" + label + "' (passed, failed, error or skipped)");
        }
    }

    public CaseResult {
        drawn = drawn == null ? "" : drawn;
        message = message == null ? "" : message;
    }

    /** True for a failure or an error: what makes a regression fail. */
    public boolean bad() {
        return status == Status.FAILED || status == Status.ERROR;
    }
}
