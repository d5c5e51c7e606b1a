package org.jdpu.hdl.tests;

import java.nio.file.Path;
import java.util.List;

/** Finds the line of a marker comment in a test source file, so tests can name expected locations. */
final class SourceLines {
    private SourceLines() {}

    static int lineOf(String file, String marker) {
        Path p = Path.of("src", "test", "java", "org", "jdpu", "hdl", "tests", file);
        List<String> lines = Hw.read(p).lines().toList();
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
}
