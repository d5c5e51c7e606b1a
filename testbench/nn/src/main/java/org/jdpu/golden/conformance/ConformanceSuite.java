package org.jdpu.golden.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the golden model against a folder of external convolution test cases (one sub-folder per
 * case with a {@code case.json}); prints one line per case and a summary. The cases are third-party
 * data and stay outside the repository: point this at a local copy.
 */
public final class ConformanceSuite {
    private ConformanceSuite() {}

    /** Counts of one run. */
    public record Summary(int matched, int mismatched, int outOfScope) {
        public int inScope() {
            return matched + mismatched;
        }
    }

    public static Summary run(Path dir, PrintStream out) throws IOException {
        return run(cases(dir), out, ConformanceCase.LayerRunner.GOLDEN);
    }

    /** The case folders (with a {@code case.json}) in {@code dir}, by name. */
    public static List<Path> cases(Path dir) throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(p -> Files.isRegularFile(p.resolve("case.json"))).sorted().toList();
        }
        if (cases.isEmpty()) throw new IOException("no case folders (with case.json) in " + dir);
        return cases;
    }

    /** Runs {@code cases} on {@code runner}, one line each and a summary. */
    public static Summary run(List<Path> cases, PrintStream out, ConformanceCase.LayerRunner runner) throws IOException {
        int matched = 0, mismatched = 0, skipped = 0;
        for (Path p : cases) {
            ConformanceCase c = new ConformanceCase(p);
            ConformanceCase.Outcome o;
            try {
                o = c.run(runner);
            } catch (RuntimeException e) {
                o = new ConformanceCase.Outcome.Mismatch(0, 0, "error: " + e.getMessage());
            }
            String line = switch (o) {
                case ConformanceCase.Outcome.Match m -> {
                    matched++;
                    yield "BIT-EXACT     " + m.elements() + " elements";
                }
                case ConformanceCase.Outcome.Mismatch m -> {
                    mismatched++;
                    yield "MISMATCH      " + m.wrong() + " of " + m.elements() + " elements; first: " + m.first();
                }
                case ConformanceCase.Outcome.OutOfScope s -> {
                    skipped++;
                    yield "out of scope  " + s.reason();
                }
            };
            out.printf("%-40s %s%n", c.name(), line);
        }
        Summary s = new Summary(matched, mismatched, skipped);
        out.printf("%d/%d in-scope cases bit-exact, %d out of scope%n", matched, s.inScope(), skipped);
        return s;
    }
}
