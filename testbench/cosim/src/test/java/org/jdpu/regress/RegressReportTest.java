package org.jdpu.regress;

import org.jdpu.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression reports: the plan's case list, the JSON summary read back as written, the JUnit XML as
 * an XML parser sees it, and merges that accept exactly a disjoint and complete set of shards.
 */
class RegressReportTest {
    @TempDir
    Path tmp;

    /** Two configurations, 3 layers and 2 networks each: 10 cases. */
    private static final RegressPlan PLAN = new RegressPlan(List.of("B512", "3x5x7:act=64"), 5, 3, 2);

    /** A result for {@code c} whose status and message depend on the case, so merges can be checked. */
    private static CaseResult result(RegressCase c) {
        CaseResult.Status s = CaseResult.Status.values()[c.index() % CaseResult.Status.values().length];
        String message = s == CaseResult.Status.PASSED ? "cycles=" + (100 + c.index())
                : "case " + c.index() + ": out[0,1,2] expected <3> & got \"4\"\u0001";
        return new CaseResult(c, s, "drawn " + c.seed(), message, 100 + c.index(), c.index() / 8.0);
    }

    private static RegressReport shard(int k, int n) {
        Shard s = new Shard(k, n);
        return new RegressReport(PLAN, s, s.select(PLAN.cases()).stream().map(RegressReportTest::result).toList());
    }

    @Test
    void thePlanListsLayersThenNetworksWithEveryOtherNetworkStressed() {
        List<RegressCase> cases = PLAN.cases();
        assertEquals(10, cases.size());
        assertEquals(PLAN.size(), cases.size());
        assertEquals(List.of("B512 layer seed=5", "B512 layer seed=6", "B512 layer seed=7", "3x5x7:act=64 layer seed=5",
                        "3x5x7:act=64 layer seed=6", "3x5x7:act=64 layer seed=7", "B512 network seed=5",
                        "B512 network seed=6 stress", "3x5x7:act=64 network seed=5", "3x5x7:act=64 network seed=6 stress"),
                cases.stream().map(RegressCase::id).toList());
        for (int i = 0; i < cases.size(); i++) assertEquals(i, cases.get(i).index());
    }

    @Test
    void layersZeroWithNetworksIsAPlanButNothingAtAllIsNot() {
        assertEquals(2, new RegressPlan(List.of("B512"), 1, 0, 2).cases().size());
        var e = assertThrows(IllegalArgumentException.class, () -> new RegressPlan(List.of("B512"), 1, 0, 0));
        assertEquals("nothing to run: --layers and --networks are both 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RegressPlan(List.of("B512"), 1, -1, 2));
        assertEquals("--layers must be at least 0, got -1", e.getMessage());
    }

    @Test
    void theSummaryReadsBackAsWritten() {
        for (int k = 1; k <= 3; k++) {
            RegressReport r = shard(k, 3);
            Path f = tmp.resolve("s" + k + ".json");
            r.writeSummary(f);
            assertEquals(r, RegressReport.readSummary(f));
        }
    }

    @Test
    void theJunitXmlHasTheTotalsAndEveryVerdict() throws Exception {
        RegressReport r = shard(1, 1);
        Path f = tmp.resolve("junit.xml");
        r.writeJunit(f);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("10", root.getAttribute("tests"));
        assertEquals(Long.toString(r.count(CaseResult.Status.FAILED)), root.getAttribute("failures"));
        assertEquals(Long.toString(r.count(CaseResult.Status.ERROR)), root.getAttribute("errors"));
        assertEquals(Long.toString(r.count(CaseResult.Status.SKIPPED)), root.getAttribute("skipped"));
        NodeList suites = d.getElementsByTagName("testsuite");
        List<String> names = new ArrayList<>();
        int tests = 0;
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            names.add(s.getAttribute("name"));
            tests += Integer.parseInt(s.getAttribute("tests"));
        }
        assertEquals(List.of("jdpu.regress.B512.layer", "jdpu.regress.3x5x7:act=64.layer", "jdpu.regress.B512.network",
                "jdpu.regress.3x5x7:act=64.network"), names);
        assertEquals(10, tests);
        NodeList cases = d.getElementsByTagName("testcase");
        assertEquals(10, cases.getLength());
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            CaseResult want = r.results().get(i);
            assertEquals(want.regressCase().testName(), c.getAttribute("name"));
            assertEquals(JunitXml.suiteName(want.regressCase()), c.getAttribute("classname"));
            String element = switch (want.status()) {
                case PASSED -> null;
                case FAILED -> "failure";
                case ERROR -> "error";
                case SKIPPED -> "skipped";
            };
            NodeList children = c.getElementsByTagName("*");
            if (element == null) {
                assertEquals(0, children.getLength(), want.regressCase().id());
            } else {
                assertEquals(1, children.getLength(), want.regressCase().id());
                Element v = (Element) children.item(0);
                assertEquals(element, v.getTagName());
                // The control character XML cannot hold reads as '?'; the rest comes back as written.
                assertEquals(want.message().replace('\u0001', '?'), v.getAttribute("message"));
                assertTrue(v.getTextContent().startsWith(want.regressCase().id() + " (drawn "), v.getTextContent());
            }
        }
    }

    @Test
    void mergingEveryShardInAnyOrderGivesTheWholeRegression() {
        List<RegressReport> shards = new ArrayList<>(List.of(shard(1, 3), shard(2, 3), shard(3, 3)));
        long seed = System.nanoTime();
        System.out.println("RegressReportTest shuffle seed " + seed);
        Collections.shuffle(shards, new Random(seed));
        RegressReport whole = RegressReport.merge(List.of("a", "b", "c"), shards);
        assertEquals(shard(1, 1), whole);
        assertEquals(Shard.ALL, whole.shard());
        assertFalse(whole.ok());
        assertEquals(r(whole, CaseResult.Status.FAILED) + r(whole, CaseResult.Status.ERROR), whole.bad().size());
    }

    private static long r(RegressReport r, CaseResult.Status s) {
        return r.count(s);
    }

    private static String mergeError(List<String> names, List<RegressReport> reports) {
        return assertThrows(UserError.class, () -> RegressReport.merge(names, reports)).getMessage();
    }

    @Test
    void aMissingShardIsNamedWithItsCases() {
        assertEquals("cannot merge: shard 2/3 is missing (3 cases: B512 layer seed=6, 3x5x7:act=64 layer seed=6, "
                        + "B512 network seed=6 stress)",
                mergeError(List.of("s1.json", "s3.json"), List.of(shard(1, 3), shard(3, 3))));
    }

    @Test
    void aShardGivenTwiceIsNamedWithItsFiles() {
        assertEquals("cannot merge: shard 1/2 is given twice: s1.json, again.json",
                mergeError(List.of("s1.json", "s2.json", "again.json"), List.of(shard(1, 2), shard(2, 2), shard(1, 2))));
    }

    @Test
    void shardsOfAnotherRegressionOrSplitAreRefused() {
        RegressPlan other = new RegressPlan(List.of("B512"), 5, 3, 2);
        RegressReport foreign = new RegressReport(other, new Shard(2, 2), List.of());
        assertEquals("cannot merge: b.json is from another regression (archs=[B512] seed=5 layers=3 networks=2) than "
                        + "a.json (archs=[B512, 3x5x7:act=64] seed=5 layers=3 networks=2)",
                mergeError(List.of("a.json", "b.json"), List.of(shard(1, 2), foreign)));
        assertEquals("cannot merge: b.json is shard 2/3 and a.json shard 1/2: they split the regression differently",
                mergeError(List.of("a.json", "b.json"), List.of(shard(1, 2), shard(2, 3))));
    }

    @Test
    void aShardThatLacksOrMisplacesCasesIsRefused() {
        RegressReport full = shard(2, 2);
        RegressReport cut = new RegressReport(PLAN, full.shard(), full.results().subList(0, full.results().size() - 1));
        assertEquals("cannot merge: the shards given lack 1 case: 3x5x7:act=64 network seed=6 stress",
                mergeError(List.of("a", "b"), List.of(shard(1, 2), cut)));
        List<CaseResult> wrong = new ArrayList<>(full.results());
        wrong.add(result(PLAN.cases().getFirst()));
        assertEquals("cannot merge: b (shard 2/2) holds B512 layer seed=5, a case of shard 1/2",
                mergeError(List.of("a", "b"), List.of(shard(1, 2), new RegressReport(PLAN, full.shard(), wrong))));
    }

    @Test
    void aSummaryOfAnotherFormatOrVersionIsRefused() throws Exception {
        Path f = tmp.resolve("s.json");
        shard(1, 1).writeSummary(f);
        String good = Files.readString(f);
        assertReadRefused(good.replace("\"jdpu-regress\"", "\"other\""), "not a jdpu-regress summary (format 'other')");
        assertReadRefused(good.replace("\"version\" : 1", "\"version\" : 2"),
                "summary version 2 is newer than this jdpu reads (1)");
        assertReadRefused(good.replace("\"seed\" : 5,\n    \"layers\"", "\"layers\""), "missing field 'plan.seed'");
        assertReadRefused(good.replace("\"shard\" : \"1/1\"", "\"shard\" : \"1/2\""),
                "results[1] is B512 layer seed=6, which is not in shard 1/2");
        assertReadRefused(good.replaceFirst("\"status\" : \"passed\"", "\"status\" : \"green\""),
                "results[0]: unknown status 'green' (passed, failed, error or skipped)");
        assertReadRefused("{\"format\": ", null);
    }

    private void assertReadRefused(String text, String why) throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, text);
        UserError e = assertThrows(UserError.class, () -> RegressReport.readSummary(f));
        if (why != null) assertEquals(f + ": " + why, e.getMessage());
        else assertTrue(e.getMessage().startsWith(f + ": not JSON ("), e.getMessage());
    }
}
