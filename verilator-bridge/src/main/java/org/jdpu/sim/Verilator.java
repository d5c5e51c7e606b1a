package org.jdpu.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry point of the bridge: builds Verilog into a Verilated shared library, or takes it from the
 * model cache, and loads it into this JVM.
 *
 * <p>The cache key hashes the content of every source file, the top module, every option of the
 * {@link ModelSpec}, the bridge's shim and build templates and the installed Verilator, g++ and
 * make binaries. Files reached only through {@code `include} or library directories are not part
 * of the key; pass them as sources or change a listed file when they change. Location: system
 * property {@code jdpu.cache}, else {@code $JDPU_CACHE}, else {@code ~/.cache/jdpu/models}.
 */
public final class Verilator {
    private Verilator() {}

    private static final ConcurrentHashMap<Path, CompiledModel> LOADED = new ConcurrentHashMap<>();

    /** Builds (or fetches from the default cache) the model of {@code spec}. Thread- and process-safe. */
    public static CompiledModel build(ModelSpec spec) {
        return build(spec, ModelCache.defaultRoot());
    }

    /** As {@link #build(ModelSpec)}, with the cache rooted at {@code cacheRoot}. */
    public static CompiledModel build(ModelSpec spec, Path cacheRoot) {
        ModelCache cache = new ModelCache(cacheRoot);
        String name = ModelBuilder.entryName(spec);
        Path entry = cache.entry(name);
        CompiledModel loaded = LOADED.get(entry);
        if (loaded != null && Files.isDirectory(entry)) return loaded.asCacheHit();
        if (Files.isDirectory(entry)) return remember(entry, CompiledModel.load(spec, entry, true));
        return cache.locked(name, () -> {
            if (Files.isDirectory(entry)) return remember(entry, CompiledModel.load(spec, entry, true));
            Path tmp = cache.newTempDir(name);
            try (Cleanup.Registration undo = Cleanup.register(() -> ModelCache.deleteTree(tmp))) {
                ModelBuilder.build(spec, cache, tmp, name);
                if (!undo.finish(() -> cache.publish(tmp, name))) throw ModelBuilder.shutdown(spec);
            } finally {
                ModelCache.deleteTree(tmp);
            }
            return remember(entry, CompiledModel.load(spec, entry, false));
        });
    }

    /** The cache directory {@link #build(ModelSpec)} uses. */
    public static Path defaultCacheRoot() {
        return ModelCache.defaultRoot().toAbsolutePath();
    }

    private static CompiledModel remember(Path entry, CompiledModel m) {
        LOADED.put(entry, m.asCacheHit());
        return m;
    }
}
