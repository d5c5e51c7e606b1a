package org.jdpu.sim;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    private static void runAll() {
        shuttingDown = true;
        ProcessRunner.killAll();
        for (Registration r : List.copyOf(PENDING)) r.undo();
    }

    /** One piece of work's undo action; closing it (the work ended normally) drops the action. */
    static final class Registration implements AutoCloseable {
        private final Runnable undo;
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

        @Override
        public synchronized void close() {
            done = true;
            PENDING.remove(this);
        }
    }
}
