package org.jdpu.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The on-disk model cache. Entries are directories named by a content hash; an entry is built in a
 * temporary directory of its own and published with one atomic rename, so a reader either sees a
 * complete entry or none. Builders of the same key serialise on a lock file (an OS file lock, so
 * separate JVMs exclude each other too) and re-check after acquiring it.
 *
 * <p>Location: the system property {@code jdpu.cache}, else {@code $JDPU_CACHE}, else
 * {@code ~/.cache/jdpu/models}.
 */
final class ModelCache {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Duration STALE_TEMP = Duration.ofHours(6);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    ModelCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    static Path defaultRoot() {
        String prop = System.getProperty("jdpu.cache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String env = System.getenv("JDPU_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "jdpu", "models");
    }

    Path root() {
        return root;
    }

    /** Where the entry {@code name} lives once published (it may not exist yet). */
    Path entry(String name) {
        return root.resolve(name);
    }

    /** Runs {@code action} holding the lock of {@code name}, both against threads of this JVM and other processes. */
    <T> T locked(String name, Supplier<T> action) {
        Path lockFile = root.resolve("locks").resolve(name + ".lock");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new VerilatorException("cannot lock the model cache at " + root + ": " + IoErrors.describe(e)
                    + " (set JDPU_CACHE to a writable directory)", e);
        } finally {
            local.unlock();
        }
    }

    /**
     * A fresh directory for building an entry; removes temporaries abandoned by killed builds. It
     * gets the permissions of the umask, as every other directory of the cache: the build is
     * published by renaming it, and a shared cache must stay readable to the other users the umask
     * admits ({@link Files#createTempDirectory} would make it 0700).
     */
    Path newTempDir(String name) {
        try {
            Path tmp = root.resolve("tmp");
            Files.createDirectories(tmp);
            sweepStale(tmp);
            for (int attempt = 0; ; attempt++) {
                Path dir = tmp.resolve(name + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    if (attempt >= 100) throw e;
                }
            }
        } catch (IOException e) {
            throw new VerilatorException("cannot create a build directory in the model cache " + root + ": "
                    + IoErrors.describe(e) + " (set JDPU_CACHE to a writable directory)", e);
        }
    }

    /** Publishes a finished temporary directory as entry {@code name} with one atomic rename. */
    Path publish(Path tempDir, String name) {
        Path dest = entry(name);
        try {
            Files.move(tempDir, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteTree(tempDir); // built concurrently by someone not holding our lock; theirs is as good
        } catch (AtomicMoveNotSupportedException e) {
            throw new VerilatorException("the model cache " + root + " does not support atomic renames", e);
        } catch (IOException e) {
            throw new VerilatorException("cannot publish " + dest + ": " + IoErrors.describe(e), e);
        }
        return dest;
    }

    private static void sweepStale(Path tmp) {
        Instant cutoff = Instant.now().minus(STALE_TEMP);
        try (Stream<Path> s = Files.list(tmp)) {
            s.filter(p -> {
                try {
                    return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(ModelCache::deleteTree);
        } catch (IOException ignored) {
            // best effort only
        }
    }

    /**
     * Deletes {@code dir} and everything in it, best effort. A walk ends at the first entry that
     * vanishes under it, which happens when two threads delete the same tree (a shutdown hook and the
     * build it interrupts): then it walks again, so whichever finishes last leaves nothing.
     */
    static void deleteTree(Path dir) {
        for (int attempt = 0; attempt < 5 && Files.exists(dir, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // best effort: a leftover temp file is swept later
                    }
                });
            } catch (IOException | UncheckedIOException ignored) {
                // an entry vanished mid-walk, or the tree cannot be read: try again
            }
        }
    }

    /** Sets a file's modification time into the past, so copies made now count as newer for make. */
    static void backdate(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    }
}
