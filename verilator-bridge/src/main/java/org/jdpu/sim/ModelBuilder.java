package org.jdpu.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link ModelSpec} into a cache entry: {@code verilator --xml-only} for the port table,
 * {@code verilator --cc} for the C++ model, a generated shim, and make for compiling and linking
 * {@code libjdpu_model.so}. Verilator's runtime library objects are compiled once per toolchain and
 * configuration and kept in the cache under {@code runtime/}, which makes a new model cost only
 * its own C++.
 */
final class ModelBuilder {
    private ModelBuilder() {}

    /** Flags for every object in the library; the VL_USER_* ones route $stop/$fatal into the shim. */
    private static final String USER_CPPFLAGS = "-fPIC -DVL_USER_FINISH -DVL_USER_STOP -DVL_USER_FATAL"
            + " -include jdpu_io.h -DVL_PRINTF=jdpu_printf -DVL_VPRINTF=jdpu_vprintf";
    private static final String OPT_GLOBAL = "-O2";

    /** Cache entry name of a spec: top name plus a hash of everything the built library depends on. */
    static String entryName(ModelSpec spec) {
        MessageDigest sha = sha256();
        feed(sha, "jdpu-model " + ShimSource.GENERATOR_VERSION);
        feed(sha, ShimSource.TEMPLATE);
        feed(sha, ShimSource.MAKEFILE);
        feed(sha, ShimSource.IO_HEADER);
        feed(sha, USER_CPPFLAGS + " " + OPT_GLOBAL);
        feed(sha, Toolchain.fingerprint());
        for (Path src : spec.sources()) {
            feed(sha, src.getFileName().toString());
            try {
                sha.update(Files.readAllBytes(src));
            } catch (NoSuchFileException e) {
                throw new VerilatorException("Verilog source not found: " + src.toAbsolutePath());
            } catch (IOException e) {
                throw new VerilatorException("cannot read Verilog source " + src + ": " + e.getMessage(), e);
            }
        }
        feed(sha, spec.top());
        feed(sha, spec.trace().name());
        feed(sha, "O" + spec.optLevel() + " threads " + spec.threads());
        for (String a : spec.extraVerilatorArgs()) feed(sha, a);
        return spec.top() + "-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
    }

    /** Builds the entry for spec into tempDir (everything but publishing). */
    static void build(ModelSpec spec, ModelCache cache, Path tempDir, String entryName) {
        Toolchain.requireAll();
        String top = spec.top();
        String prefix = "V" + top;
        BuildLog log = new BuildLog(cache.root().resolve("logs").resolve(entryName + ".log"));
        try {
            Path xml = tempDir.resolve(CacheEntry.NETLIST);
            List<String> common = new ArrayList<>();
            common.add("--top-module");
            common.add(top);
            common.addAll(spec.extraVerilatorArgs());
            for (Path src : spec.sources()) common.add(src.toAbsolutePath().toString());

            List<String> xmlCmd = new ArrayList<>(List.of(Toolchain.verilator().toString(), "--xml-only",
                    "--xml-output", xml.toString()));
            xmlCmd.addAll(common);
            verilate(log, xmlCmd, tempDir, spec);

            Path obj = tempDir.resolve(CacheEntry.OBJ);
            List<String> ccCmd = new ArrayList<>(List.of(Toolchain.verilator().toString(), "--cc", "--Mdir",
                    obj.toString(), "--prefix", prefix));
            switch (spec.trace()) {
                case VCD -> ccCmd.add("--trace");
                case FST -> ccCmd.add("--trace-fst");
                case NONE -> { }
            }
            if (spec.threads() > 1) {
                ccCmd.add("--threads");
                ccCmd.add(Integer.toString(spec.threads()));
            }
            ccCmd.addAll(common);
            verilate(log, ccCmd, tempDir, spec);

            PortTable table = PortTable.read(obj.resolve(prefix + ".h"), xml, top);
            boolean hasClock = table.ports().stream().anyMatch(ModelBuilder::isClock);
            boolean hasDoubleClock = hasClock && table.ports().stream().anyMatch(ModelBuilder::isDoubleClock);
            Files.writeString(obj.resolve("jdpu_shim.cpp"),
                    ShimSource.generate(prefix, spec.trace(), spec.threads(), hasClock, hasDoubleClock, table));
            Files.writeString(obj.resolve("jdpu.mk"), ShimSource.makefile(prefix));
            Files.writeString(obj.resolve("jdpu.map"), ShimSource.VERSION_SCRIPT);
            Files.writeString(obj.resolve("jdpu_io.h"), ShimSource.IO_HEADER);

            List<String> makeVars = List.of("OPT_FAST=-O" + spec.optLevel(), "OPT_SLOW=", "OPT_GLOBAL=" + OPT_GLOBAL,
                    "USER_CPPFLAGS=" + USER_CPPFLAGS);
            provideRuntime(cache, obj, prefix, makeVars, log, spec);
            runMake(log, obj, List.of(CacheEntry.LIBRARY), makeVars, spec);
            for (Path p : listFiles(obj)) {
                String n = p.getFileName().toString();
                if (n.endsWith(".d") || n.equals(prefix + "__ALL.o")) Files.delete(p);
            }
            CacheEntry.write(tempDir, spec, prefix, table);
            log.delete();
        } catch (IOException e) {
            throw new VerilatorException("building the model " + top + " failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new VerilatorException("building the model " + top + " failed: " + e.getCause().getMessage(), e);
        }
    }

    /** The failure of a build that a JVM shutdown cut short (its directory is gone already). */
    static VerilatorException shutdown(ModelSpec spec) {
        return new VerilatorException("the build of " + spec.top() + " was cut short: the JVM is shutting down");
    }

    /** Name of the optional double-rate clock input. */
    static final String DOUBLE_CLOCK = "clk2x";

    static boolean isClock(PortInfo p) {
        return p.name().equals("clk") && p.width() == 1 && p.direction() == Direction.INPUT;
    }

    /** The 2x clock, edge-aligned with {@code clk}: driven by the same native edge loop when present. */
    static boolean isDoubleClock(PortInfo p) {
        return p.name().equals(DOUBLE_CLOCK) && p.width() == 1 && p.direction() == Direction.INPUT;
    }

    private static void verilate(BuildLog log, List<String> cmd, Path dir, ModelSpec spec) {
        ProcessRunner.Result r = log.run(cmd, dir);
        if (r.exitCode() != 0) {
            throw new VerilatorException("Verilator could not compile top module '" + spec.top() + "' from "
                    + spec.sources() + ":\n" + r.head(20));
        }
    }

    /** Copies the cached runtime objects into obj, compiling and caching them first if needed. */
    private static void provideRuntime(ModelCache cache, Path obj, String prefix, List<String> makeVars,
                                       BuildLog log, ModelSpec spec) throws IOException {
        String classes = Files.readString(obj.resolve(prefix + "_classes.mk"));
        String model = Files.readString(obj.resolve(prefix + ".mk"));
        List<String> objects = globalObjects(classes);
        MessageDigest sha = sha256();
        feed(sha, "jdpu-runtime 1");
        feed(sha, ShimSource.IO_HEADER);
        feed(sha, Toolchain.fingerprint());
        feed(sha, String.join(" ", makeVars.subList(2, makeVars.size())));
        feed(sha, String.join(" ", objects));
        for (String line : new TreeSet<>(settings(classes + "\n" + model))) feed(sha, line);
        String name = "runtime/" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        ModelCache.backdate(obj.resolve(prefix + ".mk"));

        Path dir = cache.entry(name);
        if (!Files.isDirectory(dir)) {
            cache.locked(name.replace('/', '-'), () -> {
                if (Files.isDirectory(dir)) return null;
                runMake(log, obj, List.of("jdpu-runtime"), makeVars, spec);
                Path tmp = cache.newTempDir("runtime");
                try (Cleanup.Registration undo = Cleanup.register(() -> ModelCache.deleteTree(tmp))) {
                    Files.createDirectories(dir.getParent());
                    for (String o : objects) Files.copy(obj.resolve(o), tmp.resolve(o));
                    if (!undo.finish(() -> cache.publish(tmp, name))) throw shutdown(spec);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    ModelCache.deleteTree(tmp);
                }
                return null;
            });
        }
        for (String o : objects) {
            if (!Files.exists(obj.resolve(o))) Files.copy(dir.resolve(o), obj.resolve(o));
        }
    }

    /** The runtime objects (verilated.o, ...) Verilator's makefile links into every model. */
    static List<String> globalObjects(String classesMk) {
        List<String> objs = new ArrayList<>();
        Matcher m = Pattern.compile("VM_GLOBAL_(?:FAST|SLOW) \\+= \\\\\\n((?:\\t\\S+ \\\\\\n)*)").matcher(classesMk);
        while (m.find()) {
            for (String line : m.group(1).split("\n")) {
                String n = line.replace("\\", "").strip();
                if (!n.isEmpty()) objs.add(n + ".o");
            }
        }
        if (objs.isEmpty()) throw new VerilatorException("cannot find the runtime object list in Verilator's makefile");
        return objs;
    }

    /** Scalar settings of Verilator's generated makefiles (VM_TRACE = 1, ...), which shape the runtime build. */
    private static List<String> settings(String mk) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(VM_\\w+) = (\\S*)$").matcher(mk);
        while (m.find()) {
            if (!m.group(1).equals("VM_PREFIX") && !m.group(1).equals("VM_MODPREFIX")) out.add(m.group());
        }
        return out;
    }

    private static void runMake(BuildLog log, Path obj, List<String> targets, List<String> vars, ModelSpec spec) {
        List<String> cmd = new ArrayList<>(List.of("make", "-s", "-j" + Runtime.getRuntime().availableProcessors(),
                "-f", "jdpu.mk"));
        cmd.addAll(targets);
        cmd.addAll(vars);
        ProcessRunner.Result r = log.run(cmd, obj);
        if (r.exitCode() != 0) throw compileFailure(spec, r, log);
    }

    private static VerilatorException compileFailure(ModelSpec spec, ProcessRunner.Result r, BuildLog log) {
        String out = r.output();
        if (out.contains("zlib.h") || out.contains("cannot find -lz")) {
            return new VerilatorException("FST waveforms need zlib's development files: install them with "
                    + "'sudo apt-get install zlib1g-dev' (or run 'make deps' as root). Full log: " + log.path());
        }
        List<String> errors = out.lines().filter(l -> l.contains("error") || l.contains("Error")).limit(12).toList();
        String detail = errors.isEmpty() ? r.head(15) : String.join("\n", errors);
        return new VerilatorException("C++ compilation of the Verilated model '" + spec.top() + "' failed:\n"
                + detail + "\nFull log: " + log.path());
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void feed(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    /** Collects the output of every command of one build; kept on disk only when the build fails. */
    private static final class BuildLog {
        private final Path path;
        private final StringBuilder text = new StringBuilder();

        BuildLog(Path path) {
            this.path = path;
        }

        Path path() {
            return path;
        }

        ProcessRunner.Result run(List<String> cmd, Path dir) {
            ProcessRunner.Result r = ProcessRunner.run(cmd, dir);
            text.append("$ (cd ").append(dir).append(" && ").append(String.join(" ", cmd)).append(")\n")
                .append(r.output()).append("[exit ").append(r.exitCode()).append("]\n");
            if (r.exitCode() != 0) save();
            return r;
        }

        private void save() {
            if (Cleanup.shuttingDown()) return; // the tools were killed; their errors say nothing about the design
            try {
                Files.createDirectories(path.getParent());
                Files.writeString(path, text);
            } catch (IOException ignored) {
                // the error message still carries the first lines
            }
        }

        void delete() throws IOException {
            Files.deleteIfExists(path);
        }
    }
}
