package org.jdpu.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model cache: hits, and builds of one model racing in several JVMs and threads. */
class CacheTest {

    @Test
    void secondBuildIsAFastCacheHit(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelSpec.of("counter", Fixtures.uniqueCounter(dir, "cache-hit")).withOptLevel(Fixtures.TEST_OPT_LEVEL);
        Path root = Verilator.defaultCacheRoot();
        long t0 = System.nanoTime();
        CompiledModel first = Verilator.build(spec);
        long miss = System.nanoTime() - t0;
        try {
            assertFalse(first.fromCache());
            t0 = System.nanoTime();
            CompiledModel second = Verilator.build(spec);
            long hit = System.nanoTime() - t0;
            assertTrue(second.fromCache());
            assertEquals(first.directory(), second.directory());
            assertTrue(first.directory().startsWith(root));
            // a hit hashes the sources and looks up a directory: far below one compiler run
            assertTrue(hit * 20 < miss, "hit " + hit / 1000 + " us vs miss " + miss / 1000 + " us");
            try (Simulator sim = second.open()) {
                sim.reset(1);
                sim.port("en").set(1);
                sim.step(9);
                assertEquals(9, sim.port("count").get());
            }
        } finally {
            ModelCache.deleteTree(first.directory());
        }
    }

    @Test
    void concurrentBuildsInTwoJvmsAndAThreadBuildOnce(@TempDir Path dir) throws Exception {
        Path source = Fixtures.uniqueCounter(dir, "concurrent");
        Path root = Verilator.defaultCacheRoot();
        Process p1 = Fixtures.startBuildJvm(null, root.toString(), "counter", source.toString());
        Process p2 = Fixtures.startBuildJvm(null, root.toString(), "counter", source.toString());
        ModelSpec spec = ModelSpec.of("counter", source).withOptLevel(Fixtures.TEST_OPT_LEVEL);
        CompletableFuture<CompiledModel> local = CompletableFuture.supplyAsync(() -> Verilator.build(spec));
        String out1 = Fixtures.output(p1), out2 = Fixtures.output(p2);
        CompiledModel m = local.get();
        try {
            List<String> results = List.of(out1, out2, (m.fromCache() ? "CACHED " : "BUILT ") + "5");
            for (String r : results) assertTrue(r.equals("BUILT 5") || r.equals("CACHED 5"), results.toString());
            assertEquals(1, results.stream().filter(r -> r.startsWith("BUILT")).count(), "exactly one build: " + results);
            String name = m.directory().getFileName().toString();
            try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
                assertTrue(tmp.noneMatch(p -> p.getFileName().toString().startsWith(name)), "no temporary left behind");
            }
        } finally {
            ModelCache.deleteTree(m.directory());
        }
    }
}
