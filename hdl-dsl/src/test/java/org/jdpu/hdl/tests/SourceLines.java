package org.jdpu.hdl.tests;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the line of a marker comment in a test source file, so tests can name expected locations. */
final class SourceLines {
    private SourceLines() {}

    private static final Pattern MARKER = Pattern.compile("// (@[\\w-]+)$");
    private static final Pattern LOCATION = Pattern.compile("\\b(\\w+\\.java):(\\d+)\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\b(\\w+\\.java):\\$\\{line:(@[\\w-]+)}");

    private static List<String> lines(String file) {
        return Hw.read(Path.of("src", "test", "java", "org", "jdpu", "hdl", "tests", file)).lines().toList();
    }

    static int lineOf(String file, String marker) {
        List<String> lines = lines(file);
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).stripTrailing().endsWith("// " + marker)) {
                if (found >= 0) {
                    throw new IllegalStateException("marker " + marker + " appears twice in " + file);
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("marker " + marker + " not found in " + file);
        }
        return found;
    }

    /** "File.java:line" of a marker. */
    static String at(String file, String marker) {
        return file + ":" + lineOf(file, marker);
    }

    /** The marker on line {@code line} of {@code file}, or null. */
    static String markerAt(String file, int line) {
        if (!java.nio.file.Files.isRegularFile(Path.of("src", "test", "java", "org", "jdpu", "hdl", "tests", file))) {
            return null;
        }
        List<String> lines = lines(file);
        if (line < 1 || line > lines.size()) {
            return null;
        }
        Matcher m = MARKER.matcher(lines.get(line - 1).stripTrailing());
        return m.find() ? m.group(1) : null;
    }

    /**
     * {@code text} with each {@code File.java:N} replaced by {@code File.java:${line:@marker}},
     * the marker on that line. A location without a marker is an error: the golden file would
     * break on the next edit above it.
     */
    static String toPlaceholders(String text) {
        Matcher m = LOCATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String marker = markerAt(m.group(1), Integer.parseInt(m.group(2)));
            if (marker == null) {
                throw new IllegalStateException(m.group() + " has no // @marker comment; add one so that the "
                        + "golden file can name the line:\n" + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + ":${line:" + marker + "}"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The inverse of {@link #toPlaceholders}: each placeholder becomes the marker's current line. */
    static String fromPlaceholders(String golden) {
        Matcher m = PLACEHOLDER.matcher(golden);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + ":" + lineOf(m.group(1), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
