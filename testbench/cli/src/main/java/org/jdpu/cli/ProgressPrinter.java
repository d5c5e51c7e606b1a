package org.jdpu.cli;

import org.jdpu.runtime.Progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long job on stderr: redrawn in place on a terminal; otherwise, once the job has
 * taken more than a few seconds, one line every few seconds (so logs stay short and quick jobs
 * print nothing).
 */
final class ProgressPrinter implements Progress {
    private static final long QUIET_NANOS = 3_000_000_000L, LOG_EVERY_NANOS = 5_000_000_000L,
            TTY_EVERY_NANOS = 200_000_000L;
    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null && System.console().isTerminal();
    private final String label;
    private final long start = System.nanoTime();
    private long last = start;
    private boolean drawn;

    ProgressPrinter(String label) {
        this.label = label;
    }

    @Override
    public synchronized void update(String what, long done, long total) {
        long now = System.nanoTime();
        if (terminal ? now - last < TTY_EVERY_NANOS : now - start < QUIET_NANOS || now - last < LOG_EVERY_NANOS) {
            return;
        }
        last = now;
        String line = String.format(Locale.ROOT, "%s: %s %,d / %,d (%.0f%%, %.0f s)", label, what, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, (now - start) / 1e9);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Clears the redrawn line, if any, before normal output continues. */
    void done() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
            drawn = false;
        }
    }
}
