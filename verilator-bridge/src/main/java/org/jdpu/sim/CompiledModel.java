package org.jdpu.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Verilated model built into the cache and loaded into this JVM: its ports and a factory for
 * {@link Simulator}s. Cheap to keep; every {@link #open()} creates an independent model instance.
 */
public final class CompiledModel {
    private final ModelSpec spec;
    private final Path directory;
    private final boolean fromCache;
    private final PortTable table;
    private final String verilatorVersion;
    private final ModelLibrary library;
    private volatile List<String> scopes;

    private CompiledModel(ModelSpec spec, Path directory, boolean fromCache, PortTable table,
                          String verilatorVersion, ModelLibrary library) {
        this.spec = spec;
        this.directory = directory;
        this.fromCache = fromCache;
        this.table = table;
        this.verilatorVersion = verilatorVersion;
        this.library = library;
    }

    static CompiledModel load(ModelSpec spec, Path entry, boolean fromCache) {
        try {
            CacheEntry meta = CacheEntry.read(entry);
            ModelLibrary lib = ModelLibrary.load(CacheEntry.library(entry));
            return new CompiledModel(spec, entry, fromCache, meta.ports(), meta.verilatorVersion(), lib);
        } catch (IOException e) {
            throw new VerilatorException("the cached model " + entry + " is unreadable (" + e.getMessage()
                    + "); delete that directory to rebuild it", e);
        }
    }

    /** The same model, reported as a cache hit. */
    CompiledModel asCacheHit() {
        return fromCache ? this : new CompiledModel(spec, directory, true, table, verilatorVersion, library);
    }

    /** True when this model came from the cache instead of being built by this call. */
    public boolean fromCache() {
        return fromCache;
    }

    public List<PortInfo> ports() {
        return table.ports();
    }

    List<Integer> storageSizes() {
        return table.sizes();
    }

    public ModelSpec spec() {
        return spec;
    }

    public String top() {
        return spec.top();
    }

    /** The cache entry directory (library under {@code obj/}, port table, build settings). */
    public Path directory() {
        return directory;
    }

    /**
     * The hierarchical scopes of this model's waveform, as {@link WaveOptions#scope()} takes them:
     * {@code TOP}, {@code TOP.<top>} and every instance and named block below that holds a signal.
     */
    public List<String> scopes() {
        List<String> s = scopes;
        if (s == null) scopes = s = TraceScopes.read(directory.resolve(CacheEntry.NETLIST), top());
        return s;
    }

    /** The {@code verilator --version} line of the Verilator that built this model. */
    public String verilatorVersion() {
        return verilatorVersion;
    }

    /** A new simulator without waveform output. */
    public Simulator open() {
        return new Simulator(this, library, null);
    }

    /**
     * A new simulator writing a waveform of the whole run to {@code waveformFile} at the default
     * clock ({@link WaveOptions#of}); needs a spec built with a {@link Trace}.
     */
    public Simulator open(Path waveformFile) {
        return open(WaveOptions.of(waveformFile));
    }

    /** A new simulator writing the waveform {@code wave} describes; needs a spec built with a {@link Trace}. */
    public Simulator open(WaveOptions wave) {
        if (spec.trace() == Trace.NONE) {
            throw new VerilatorException("model " + top() + " was built without waveform support; build it from "
                    + "spec.withTrace(Trace.VCD) or spec.withTrace(Trace.FST) to write " + wave.path());
        }
        String scope = wave.traceScope();
        if (scope != null && !scopes().contains(scope)) {
            List<String> known = scopes();
            throw new VerilatorException("no scope '" + wave.scope() + "' in the waveform of " + top() + "; its scopes are: "
                    + String.join(", ", known.subList(0, Math.min(known.size(), 40)))
                    + (known.size() > 40 ? ", ... (" + (known.size() - 40) + " more)" : ""));
        }
        try {
            Path parent = wave.path().toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new VerilatorException("cannot create the directory of waveform file " + wave.path() + ": "
                    + IoErrors.describe(e), e);
        }
        return new Simulator(this, library, wave);
    }

    /**
     * Compiles {@code mainSource}, a C++ program with its own {@code main}, and links it against this
     * model's objects into {@code executable}. The program includes {@code "V<top>.h"} and
     * {@code "verilated.h"} and drives the model directly; it shares every object file with the
     * library Java loads, so both run the same compiled model code.
     */
    public Path buildExecutable(Path mainSource, Path executable) {
        Path exe = executable.toAbsolutePath();
        Path outDir = exe.getParent();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new VerilatorException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(List.of("make", "-s", "-f", "jdpu.mk", "jdpu-exe",
                "JDPU_MAIN=" + mainSource.toAbsolutePath(), "JDPU_EXE=" + exe, "JDPU_OUT_DIR=" + outDir));
        ProcessRunner.Result r = ProcessRunner.run(cmd, directory.resolve(CacheEntry.OBJ));
        if (r.exitCode() != 0) {
            throw new VerilatorException("compiling " + mainSource + " against model " + top() + " failed:\n" + r.head(20));
        }
        return exe;
    }

    @Override
    public String toString() {
        return "model " + top() + " (" + directory + (fromCache ? ", from cache" : "") + ")";
    }
}
