package org.jdpu.sim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model's shared library loaded into this JVM, and the addresses of its shim entry points.
 * Each library is loaded once per JVM and stays loaded; simulators are instances inside it.
 */
final class ModelLibrary {
    private static final ConcurrentHashMap<Path, ModelLibrary> LOADED = new ConcurrentHashMap<>();

    final Path path;
    final MemorySegment create, createError, destroy, ports, cycleCounter, eval, step, batch, finished, error, flush;

    private ModelLibrary(Path path) {
        this.path = path;
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(path, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new VerilatorException("cannot load the model library " + path + ": " + e.getMessage()
                    + " (delete that cache entry to rebuild it)", e);
        }
        create = find(lookup, "jdpu_create");
        createError = find(lookup, "jdpu_create_error");
        destroy = find(lookup, "jdpu_destroy");
        ports = find(lookup, "jdpu_ports");
        cycleCounter = find(lookup, "jdpu_cycle_counter");
        eval = find(lookup, "jdpu_eval");
        step = find(lookup, "jdpu_step");
        batch = find(lookup, "jdpu_batch");
        finished = find(lookup, "jdpu_finished");
        error = find(lookup, "jdpu_error");
        flush = find(lookup, "jdpu_flush");
    }

    static ModelLibrary load(Path path) {
        return LOADED.computeIfAbsent(path.toAbsolutePath().normalize(), ModelLibrary::new);
    }

    private MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new VerilatorException(
                "the model library " + path + " has no symbol " + name + " (delete that cache entry to rebuild it)"));
    }
}
