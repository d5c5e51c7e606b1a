package org.jdpu.sim;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What to remove when the JVM shuts down (Ctrl-C, SIGTERM, {@code System.exit}) in the middle of
 * work that leaves files behind until it ends: a model build's directory under the cache's
 * {@code tmp/}, an unfinished waveform. One shutdown hook, registered on first use, first stops the
 * tools a build is running ({@link ProcessRunner#killAll}) so they cannot write again, then runs the
 * pending undo actions. Work that ends normally closes its registration, which drops its action.
 */
final class Cleanup {
    private Cleanup() {}

    private static final Set<Registration> PENDING = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;
    private static boolean hooked;

    /** Registers {@code undo} to run if the JVM shuts down before the registration is closed or finished. */
    static Registration register(Runnable undo) {
        installHook();
        Registration r = new Registration(undo);
        PENDING.add(r);
        if (shuttingDown) r.undo(); // the hook may have run already; the work must not go ahead
        return r;
    }

    /** True once the JVM started shutting down: builds then neither start tools nor keep logs. */
    static boolean shuttingDown() {
        return shuttingDown;
    }

    /** Registrations not yet closed (for tests). */
    static int pending() {
        return PENDING.size();
    }

    private static synchronized void installHook() {
        if (hooked) return;
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "jdpu-cleanup"));
        hooked = true;
    }

    /** How long the hook waits for interrupted work to stop touching its files. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private static void runAll() {
        shuttingDown = true;
        ProcessRunner.killAll();
        List<Registration> pending = List.copyOf(PENDING);
        for (Registration r : pending) r.undo();
        // The interrupted thread runs on while the hook does: it may write a file into the tree just
        // deleted before it notices the shutdown. Once it has closed its registration it only cleans
        // up, so undoing again after that leaves nothing behind.
        long deadline = System.nanoTime() + SETTLE_NANOS;
        for (Registration r : pending) {
            r.awaitClosed(deadline);
            r.undoAgain();
        }
    }

    /** One piece of work's undo action; closing it (the work ended normally) drops the action. */
    static final class Registration implements AutoCloseable {
        private final Runnable undo;
        private final CountDownLatch closed = new CountDownLatch(1);
        private boolean done;

        private Registration(Runnable undo) {
            this.undo = undo;
        }

        /**
         * Runs {@code action}, the step that makes the work's result final (publishing a build,
         * closing a waveform), unless the shutdown undid the work first; either way exclusive with
         * the undo. Returns false, without running it, when the work was undone.
         */
        synchronized boolean finish(Runnable action) {
            if (done) return false;
            action.run();
            close();
            return true;
        }

        private synchronized void undo() {
            if (done) return;
            done = true;
            PENDING.remove(this);
            try {
                undo.run();
            } catch (RuntimeException ignored) {
                // best effort while the JVM exits
            }
        }

        /** Waits until the work closed its registration, or until {@code deadline} (System.nanoTime). */
        private void awaitClosed(long deadline) {
            try {
                closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void undoAgain() {
            try {
                undo.run();
            } catch (RuntimeException ignored) {
                // best effort while the JVM exits
            }
        }

        @Override
        public synchronized void close() {
            done = true;
            PENDING.remove(this);
            closed.countDown();
        }
    }
}
