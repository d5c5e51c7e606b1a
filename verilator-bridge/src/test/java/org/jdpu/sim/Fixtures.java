package org.jdpu.sim;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Hand-written Verilog fixtures of the bridge tests, and a way to run a build in a separate JVM. */
final class Fixtures {
    private Fixtures() {}

    /** Tests build small models: -O0 keeps a clean-clone build short. */
    static final int TEST_OPT_LEVEL = 0;

    static Path verilog(String file) {
        URL url = Fixtures.class.getResource("/verilog/" + file);
        if (url == null) throw new IllegalStateException("missing test fixture verilog/" + file);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ModelSpec spec(String top) {
        return ModelSpec.of(top, verilog(top + ".v")).withOptLevel(TEST_OPT_LEVEL);
    }

    /**
     * A copy of the counter fixture with a unique comment, so its cache key is new: for tests that
     * must see a cache miss. The caller deletes the entry afterwards.
     */
    static Path uniqueCounter(Path dir, String tag) throws IOException {
        Path p = dir.resolve("counter.v");
        Files.writeString(p, "// " + tag + " " + System.nanoTime() + "\n" + Files.readString(verilog("counter.v")));
        return p;
    }

    /** Starts {@link BuildMain} in a new JVM with the given PATH (null: inherit) and arguments. */
    static Process startBuildJvm(String path, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BuildMain.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (path != null) pb.environment().put("PATH", path);
        return pb.start();
    }

    static String output(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.strip();
    }
}
