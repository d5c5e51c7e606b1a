package org.jdpu.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Makefile's user targets, through {@code make -n} (prints the recipes without running them)
 * and, where that is safe, through {@code make} itself.
 */
class MakefileTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();

    private record Run(int exit, String out, String err) {}

    private static Run make(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(REPO.resolve("Makefile")), REPO.toString());
        List<String> cmd = new ArrayList<>(List.of("make", "-C", REPO.toString(), "--no-print-directory"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The recipe lines {@code make -n} would run, with make's own messages left out. */
    private static List<String> recipes(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-n"));
        all.addAll(List.of(args));
        Run r = make(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().toList();
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(start)) return i;
        throw new AssertionError("no line starting with '" + start + "' in " + lines);
    }

    @Test
    void cosimAndConformanceCheckTheirVariablesBeforeBuilding() throws Exception {
        for (String target : List.of("cosim", "conformance")) {
            List<String> lines = recipes(target);
            assertTrue(indexOf(lines, "test -n") < indexOf(lines, "mvn "), target + ": " + lines);
        }
        Run r = make("cosim");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("make cosim: set ARCH (a preset or PPxICPxOCP) and NETWORK (a network .json) or LAYER (a conv2d layer .json)\n"),
                r.err());
        assertEquals("", r.out(), "nothing built");
    }

    @Test
    void cosimPassesNoAugment() throws Exception {
        List<String> lines = recipes("cosim", "ARCH=B512", "LAYER=l.json", "NO_AUGMENT=1");
        assertEquals("bin/dpu cosim --arch B512 --layer l.json --core --no-augment",
                lines.getLast().replaceAll(" +", " ").strip());
        lines = recipes("cosim", "ARCH=B512", "LAYER=l.json");
        assertEquals("bin/dpu cosim --arch B512 --layer l.json", lines.getLast().replaceAll(" +", " ").strip());
        lines = recipes("cosim", "ARCH=B512", "NETWORK=n.json", "STRESS=7", "OUT=o");
        assertEquals("bin/dpu cosim --arch B512 --network n.json --out o --stress 7", lines.getLast().replaceAll(" +", " ").strip());
    }

    @Test
    void regressPassesItsShardAndReportsAndMergeChecksItsSummaries() throws Exception {
        assertEquals("bin/dpu regress --arch B512 --layers 2 --networks 10 --seed 1 --shard 1/4 --junit j.xml --summary s.json",
                recipes("regress", "ARCH=B512", "LAYERS=2", "SHARD=1/4", "JUNIT=j.xml", "SUMMARY=s.json").getLast()
                        .replaceAll(" +", " ").strip());
        List<String> lines = recipes("regress-merge", "SUMMARIES=a.json b.json", "JUNIT=all.xml");
        assertTrue(indexOf(lines, "test -n") < indexOf(lines, "mvn "), lines.toString());
        assertEquals("bin/dpu regress --merge a.json b.json --junit all.xml", lines.getLast().replaceAll(" +", " ").strip());
        Run r = make("regress-merge");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("make regress-merge: set SUMMARIES to the summary files of every shard"), r.err());
        assertEquals("", r.out(), "nothing built");
    }

    @Test
    void dseTakesSeveralLayers() throws Exception {
        assertEquals("bin/dpu dse --layer a.json --layer b.json --max-macs 2048",
                recipes("dse", "LAYER=a.json b.json").getLast().strip());
        assertEquals("bin/dpu dse --max-macs 1024 --no-augment",
                recipes("dse", "MAX_MACS=1024", "NO_AUGMENT=1").getLast().replaceAll(" +", " ").strip());
    }

    @Test
    void mavenRunsWithoutJansiResets() throws Exception {
        // Printing the database shows the exported MAVEN_OPTS the Maven launcher will see.
        List<String> db = recipes("-p", "help").stream().filter(l -> l.startsWith("MAVEN_OPTS ")).toList();
        assertEquals(1, db.size(), db.toString());
        assertTrue(db.getFirst().contains("-Djansi.noreset=true"), db.getFirst());
    }
}
