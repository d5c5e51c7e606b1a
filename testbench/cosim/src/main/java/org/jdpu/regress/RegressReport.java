package org.jdpu.regress;

import org.jdpu.io.UserError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of one shard of a regression (or of a whole one), with the plan they belong to.
 * Written as JUnit XML for CI tooling ({@link #writeJunit}) and as a JSON summary that this class
 * reads back ({@link #writeSummary}, {@link #readSummary}); {@link #merge} combines the summaries of
 * every shard into the whole regression's report, refusing a set that is not disjoint and complete.
 *
 * @param plan    the whole regression
 * @param shard   which slice of it these results are
 * @param results one per case of the slice, in case order
 */
public record RegressReport(RegressPlan plan, Shard shard, List<CaseResult> results) {
    /** The summary's {@code format} field. */
    public static final String FORMAT = "jdpu-regress";
    /** The summary's {@code version}: a reader refuses newer ones. */
    public static final int VERSION = 1;
    /** Cases a merge error lists by name before it only counts the rest. */
    static final int NAMED = 5;

    public RegressReport {
        results = List.copyOf(results);
    }

    public long count(CaseResult.Status s) {
        return results.stream().filter(r -> r.status() == s).count();
    }

    /** Failures and errors. */
    public List<CaseResult> bad() {
        return results.stream().filter(CaseResult::bad).toList();
    }

    /** No failure and no error. */
    public boolean ok() {
        return bad().isEmpty();
    }

    public double seconds() {
        return results.stream().mapToDouble(CaseResult::seconds).sum();
    }

    /** The results of one kind on one configuration, in case order. */
    public List<CaseResult> of(RegressCase.Kind kind, String arch) {
        return results.stream().filter(r -> r.regressCase().kind() == kind && r.regressCase().arch().equals(arch)).toList();
    }

    /** {@code 12 passed, 1 failed, 0 errors, 3 skipped} for {@code rs}. */
    public static String tally(List<CaseResult> rs) {
        long[] n = new long[CaseResult.Status.values().length];
        for (CaseResult r : rs) n[r.status().ordinal()]++;
        return n[CaseResult.Status.PASSED.ordinal()] + " passed, " + n[CaseResult.Status.FAILED.ordinal()] + " failed, "
                + n[CaseResult.Status.ERROR.ordinal()] + " errors, " + n[CaseResult.Status.SKIPPED.ordinal()] + " skipped";
    }

    /** JUnit XML: one test suite per configuration and kind, one test case per case (atomic write). */
    public void writeJunit(Path file) {
        JunitXml.write(this, file);
    }

    /** The JSON summary {@link #readSummary} reads and {@link #merge} combines (atomic write). */
    public void writeSummary(Path file) {
        SummaryJson.write(this, file);
    }

    /** Reads a summary, refusing another format, a newer version or results that do not fit its plan. */
    public static RegressReport readSummary(Path file) {
        return SummaryJson.read(file);
    }

    /**
     * The whole regression from the summaries of its shards, given in any order: they must share one
     * plan and one split, every shard must be given once, and each must hold exactly its cases.
     * Anything else is refused with every problem named: the shard or file, and the cases missing
     * or given twice.
     *
     * @param names what to call each report in messages (its file), parallel to {@code reports}
     */
    public static RegressReport merge(List<String> names, List<RegressReport> reports) {
        if (reports.isEmpty()) throw new UserError("nothing to merge: give the summaries of every shard");
        if (names.size() != reports.size()) throw new IllegalArgumentException(names.size() + " names for " + reports.size() + " reports");
        List<String> problems = new ArrayList<>();
        RegressReport first = reports.getFirst();
        for (int i = 1; i < reports.size(); i++) {
            RegressReport r = reports.get(i);
            if (!r.plan.equals(first.plan)) {
                problems.add(names.get(i) + " is from another regression (" + r.plan + ") than " + names.getFirst()
                        + " (" + first.plan + ")");
            } else if (r.shard.count() != first.shard.count()) {
                problems.add(names.get(i) + " is shard " + r.shard + " and " + names.getFirst() + " shard " + first.shard
                        + ": they split the regression differently");
            }
        }
        if (!problems.isEmpty()) throw new UserError("cannot merge: " + String.join("; ", problems));

        List<RegressCase> all = first.plan.cases();
        int n = first.shard.count();
        Map<Integer, List<String>> byShard = new TreeMap<>();
        Map<Integer, CaseResult> merged = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            RegressReport r = reports.get(i);
            String name = names.get(i);
            byShard.computeIfAbsent(r.shard.index(), k -> new ArrayList<>()).add(name);
            for (CaseResult c : r.results) {
                RegressCase rc = c.regressCase();
                if (rc.index() >= all.size() || !all.get(rc.index()).equals(rc)) {
                    problems.add(name + " holds " + rc + " as case " + rc.index() + ", which the plan does not have");
                } else if (!r.shard.contains(rc.index())) {
                    problems.add(name + " (shard " + r.shard + ") holds " + rc + ", a case of shard "
                            + (rc.index() % n + 1) + "/" + n);
                } else if (merged.putIfAbsent(rc.index(), c) != null && byShard.get(r.shard.index()).size() == 1) {
                    problems.add(name + " holds " + rc + " twice");
                }
            }
        }
        for (var e : byShard.entrySet()) {
            if (e.getValue().size() > 1) problems.add("shard " + e.getKey() + "/" + n + " is given twice: " + String.join(", ", e.getValue()));
        }
        for (int k = 1; k <= n; k++) {
            if (!byShard.containsKey(k)) {
                problems.add("shard " + k + "/" + n + " is missing (" + named(new Shard(k, n).select(all)) + ")");
            }
        }
        // A shard that is there but stopped early (or was cut) lacks some of its cases.
        List<RegressCase> lacking = all.stream()
                .filter(c -> byShard.containsKey(c.index() % n + 1) && !merged.containsKey(c.index())).toList();
        if (!lacking.isEmpty()) problems.add("the shards given lack " + named(lacking));
        if (!problems.isEmpty()) throw new UserError("cannot merge: " + String.join("; ", problems));
        List<CaseResult> results = new ArrayList<>(merged.values());
        results.sort(Comparator.comparingInt(c -> c.regressCase().index()));
        return new RegressReport(first.plan, Shard.ALL, results);
    }

    /** {@code 3 cases: B512 layer seed=2, ...}, the first few by name. */
    static String named(List<RegressCase> cases) {
        StringBuilder sb = new StringBuilder().append(cases.size()).append(cases.size() == 1 ? " case: " : " cases: ");
        for (int i = 0; i < Math.min(NAMED, cases.size()); i++) sb.append(i == 0 ? "" : ", ").append(cases.get(i));
        if (cases.size() > NAMED) sb.append(" and ").append(cases.size() - NAMED).append(" more");
        return sb.toString();
    }
}
