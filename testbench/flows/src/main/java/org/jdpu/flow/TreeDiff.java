package org.jdpu.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Byte-for-byte comparison of two directory trees (a checked-in {@code generated/<ARCH>} and a
 * fresh regeneration), reporting each difference readably: missing and extra files, and for a
 * changed file the first line that differs.
 */
public final class TreeDiff {
    private TreeDiff() {}

    /** Differences between {@code expected} and {@code actual}, one line each; empty when identical. */
    public static List<String> compare(Path expected, Path actual) {
        TreeSet<String> names = new TreeSet<>(files(expected));
        TreeSet<String> fresh = new TreeSet<>(files(actual));
        List<String> diffs = new ArrayList<>();
        for (String f : names) if (!fresh.contains(f)) diffs.add(f + ": no longer generated (stale file in " + expected + ")");
        for (String f : fresh) if (!names.contains(f)) diffs.add(f + ": generated but missing from " + expected);
        for (String f : names) {
            if (!fresh.contains(f)) continue;
            String d = compareFile(expected.resolve(f), actual.resolve(f));
            if (d != null) diffs.add(f + ": " + d);
        }
        return diffs;
    }

    private static List<String> files(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
        } catch (IOException e) {
            throw new FlowException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static String compareFile(Path a, Path b) {
        try {
            byte[] x = Files.readAllBytes(a), y = Files.readAllBytes(b);
            if (Arrays.equals(x, y)) return null;
            String[] lx = new String(x, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
            String[] ly = new String(y, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
            int n = Math.min(lx.length, ly.length);
            for (int i = 0; i < n; i++) {
                if (!lx[i].equals(ly[i])) {
                    return "differs from line " + (i + 1) + " (" + lx.length + " vs " + ly.length + " lines)\n"
                            + "    checked in: " + clip(lx[i]) + "\n    regenerated: " + clip(ly[i]);
                }
            }
            return "differs at the end (" + lx.length + " vs " + ly.length + " lines; " + x.length + " vs " + y.length + " bytes)";
        } catch (IOException e) {
            throw new FlowException("cannot compare " + a + " with " + b + ": " + e.getMessage(), e);
        }
    }

    private static String clip(String line) {
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
