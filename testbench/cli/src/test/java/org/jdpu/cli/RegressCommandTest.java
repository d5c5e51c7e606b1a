package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.regress.CaseResult;
import org.jdpu.regress.RegressCase;
import org.jdpu.regress.RegressReport;
import org.jdpu.regress.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dpu regress} sharded and merged end to end on the RTL: two random B512 layers as shards
 * 1/2 and 2/2, then {@code --merge} of their summaries; and the refusals that come before any run.
 */
class RegressCommandTest {
    @TempDir
    Path tmp;

    private Result shard(String k) {
        return CliCapture.run(new RegressCommand(), "--arch", "B512", "--layers", "2", "--seed", "1", "--shard", k + "/2",
                "--junit", tmp.resolve("j" + k + ".xml").toString(), "--summary", tmp.resolve("s" + k + ".json").toString());
    }

    @Test
    void twoShardsRunDisjointHalvesAndMergeIntoTheWhole() throws Exception {
        for (String k : List.of("1", "2")) {
            Result r = shard(k);
            assertEquals(0, r.exit(), r.err() + r.out());
            assertTrue(r.out().startsWith("regress shard " + k + "/2: 1 of 2 cases"), r.out());
            RegressReport s = RegressReport.readSummary(tmp.resolve("s" + k + ".json"));
            assertEquals(new Shard(Integer.parseInt(k), 2), s.shard());
            assertEquals(1, s.results().size());
            // Round robin: shard K runs case K-1, the layer of seed K.
            assertEquals(Integer.parseInt(k), s.results().getFirst().regressCase().seed());
            assertTrue(Files.readString(tmp.resolve("j" + k + ".xml")).contains("tests=\"1\""));
        }
        Path whole = tmp.resolve("whole.json"), junit = tmp.resolve("whole.xml");
        Result m = CliCapture.run(new RegressCommand(), "--merge", tmp.resolve("s2.json").toString(),
                tmp.resolve("s1.json").toString(), "--summary", whole.toString(), "--junit", junit.toString());
        assertEquals(0, m.exit(), m.err() + m.out());
        RegressReport merged = RegressReport.readSummary(whole);
        assertEquals(Shard.ALL, merged.shard());
        assertEquals(List.of("B512 layer seed=1", "B512 layer seed=2"),
                merged.results().stream().map(r -> r.regressCase().id()).toList());
        for (CaseResult r : merged.results()) {
            assertEquals(CaseResult.Status.PASSED, r.status(), r.message());
            assertTrue(r.cycles() > 0, r.toString());
        }
        assertTrue(m.out().contains("B512     layers   2 passed, 0 failed, 0 errors, 0 skipped"), m.out());
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile()).getDocumentElement();
        assertEquals("2", root.getAttribute("tests"));
        assertEquals("0", root.getAttribute("failures"));

        Result half = CliCapture.run(new RegressCommand(), "--merge", tmp.resolve("s1.json").toString());
        assertEquals(CliRunner.EXIT_USER_ERROR, half.exit());
        assertEquals("regress: cannot merge: shard 2/2 is missing (1 case: " + new RegressCase(1, RegressCase.Kind.LAYER,
                "B512", 2, false) + ")" + System.lineSeparator(), half.err());
    }

    @Test
    void commasInsideABufferDepthListDoNotSplitTheArchList() {
        RegressCommand c = new RegressCommand();
        CliRunner.commandLine(c).parseArgs("--arch", "B512,3x5x7:act=64,wgt=64,out=64,bias=16,B1024+pack");
        assertEquals(List.of("B512", "3x5x7:act=64,wgt=64,out=64,bias=16", "B1024+pack"), c.archs);
    }

    private static void assertRefused(String message, String... args) {
        Result r = CliCapture.run(new RegressCommand(), args);
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertEquals("regress: " + message + System.lineSeparator(), r.err());
        assertFalse(r.out().contains("cases"), r.out());
    }

    @Test
    void badShardsPlansAndOutputsAreRefusedBeforeAnyRun() {
        assertRefused("--shard 3/2: K must be in 1..2, got 3", "--arch", "B512", "--shard", "3/2");
        assertRefused("nothing to run: --layers and --networks are both 0", "--layers", "0");
        Path missing = Path.of("/nonexistent-dir/s.json");
        assertRefused("cannot write " + missing + ": directory /nonexistent-dir does not exist", "--arch", "B512",
                "--summary", missing.toString());
        assertRefused("--merge combines finished shards, whose summaries hold the plan: --shard is for a run",
                "--merge", "s.json", "--shard", "1/2");
        assertRefused("--merge combines finished shards, whose summaries hold the plan: --layers, --seed are for a run",
                "--seed", "3", "--merge", "s.json", "--layers", "2");
    }
}
