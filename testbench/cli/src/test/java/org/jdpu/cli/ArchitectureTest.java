package org.jdpu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-way dependency rule at package level. Maven's module graph already refuses a wrong-way
 * dependency between modules (the build does not compile); this test refuses a cycle between
 * packages, inside a module or across them, over every jdpu class on the CLI's classpath.
 */
class ArchitectureTest {

    /**
     * The jdpu modules' main classes: class-path entries inside this repository (a reactor build)
     * or jdpu jars from the local repository (a build of this module alone), test classes aside.
     */
    private static List<Path> jdpuClasses() {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath())
                .filter(p -> (p.startsWith(repo) || p.toString().contains("/org/jdpu/")) && Files.exists(p)
                        && !p.toString().contains("test-classes") && !p.getFileName().toString().endsWith("-tests.jar"))
                .toList();
    }

    @Test
    void noPackageCycles() {
        List<Path> roots = jdpuClasses();
        assertTrue(roots.size() >= 10, "expected the classes of every jdpu module, found " + roots);
        PackageGraph g = PackageGraph.of(roots);
        assertTrue(g.edges().containsKey("org.jdpu.cli") && g.edges().containsKey("org.jdpu.golden"),
                "the graph should cover the CLI and the golden model: " + g.edges().keySet());
        var cycles = g.cycles();
        assertTrue(cycles.isEmpty(), g.describe(cycles));
    }

    @Test
    void theModelSideKnowsNoHardware() {
        Map<String, Set<String>> edges = PackageGraph.of(jdpuClasses()).edges();
        for (String pkg : List.of("org.jdpu.tensor", "org.jdpu.spec", "org.jdpu.golden", "org.jdpu.cases", "org.jdpu.io")) {
            for (String used : edges.getOrDefault(pkg, Set.of())) {
                assertFalse(used.startsWith("org.jdpu.sim") || used.startsWith("org.jdpu.hdl")
                                || used.startsWith("org.jdpu.rtl") || used.startsWith("org.jdpu.arch"),
                        pkg + " must not use " + used);
            }
        }
    }

    @Test
    void aDeliberateCycleIsReported(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("src"), out = dir.resolve("classes");
        Files.createDirectories(src.resolve("org/jdpu/x"));
        Files.createDirectories(src.resolve("org/jdpu/y"));
        Files.createDirectories(out);
        Files.writeString(src.resolve("org/jdpu/x/A.java"), "package org.jdpu.x; public class A { org.jdpu.y.B b; }");
        Files.writeString(src.resolve("org/jdpu/y/B.java"), "package org.jdpu.y; public class B { org.jdpu.x.A a; }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", out.toString(),
                src.resolve("org/jdpu/x/A.java").toString(), src.resolve("org/jdpu/y/B.java").toString());
        assertEquals(0, rc);
        PackageGraph g = PackageGraph.of(List.of(out));
        assertEquals(List.of(List.of("org.jdpu.x", "org.jdpu.y")), g.cycles());
        assertEquals("package cycle: org.jdpu.x, org.jdpu.y (org.jdpu.x -> org.jdpu.y; org.jdpu.y -> org.jdpu.x)",
                g.describe(g.cycles()));
    }
}
