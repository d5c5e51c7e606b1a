package org.jdpu.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VCD file read back for assertions: its timescale, its variables by full dotted name, and
 * every value change with its time.
 */
record Vcd(String timescale, Map<String, String> ids, List<Long> times, List<Change> changes) {

    record Change(long time, String id, String value) {}

    static Vcd read(Path file) throws IOException {
        String text = Files.readString(file);
        int defsEnd = text.indexOf("$enddefinitions");
        if (defsEnd < 0) throw new IllegalStateException("no $enddefinitions in " + file);
        String[] head = text.substring(0, defsEnd).split("\\s+");
        String timescale = null;
        Map<String, String> ids = new LinkedHashMap<>();
        Deque<String> scopes = new ArrayDeque<>();
        for (int i = 0; i < head.length; i++) {
            switch (head[i]) {
                case "$timescale" -> timescale = head[i + 1];
                case "$scope" -> scopes.addLast(head[i + 2]);
                case "$upscope" -> scopes.removeLast();
                case "$var" -> ids.put(String.join(".", scopes) + "." + head[i + 4], head[i + 3]);
                default -> { }
            }
        }
        List<Long> times = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        long now = -1;
        for (String line : text.substring(text.indexOf('\n', defsEnd) + 1).split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("$")) continue;
            if (line.startsWith("#")) {
                now = Long.parseLong(line.substring(1));
                times.add(now);
            } else if (line.startsWith("b")) {
                int sp = line.indexOf(' ');
                changes.add(new Change(now, line.substring(sp + 1), line.substring(1, sp)));
            } else {
                changes.add(new Change(now, line.substring(1), line.substring(0, 1)));
            }
        }
        return new Vcd(timescale, ids, times, changes);
    }

    /** The changes of the variable with this full name, e.g. {@code TOP.counter.count}. */
    List<Change> of(String name) {
        String id = ids.get(name);
        if (id == null) throw new IllegalArgumentException("no variable " + name + " in " + ids.keySet());
        return changes.stream().filter(c -> c.id().equals(id)).toList();
    }

    /** The value of a variable at a time: its last change at or before it. */
    String valueAt(String name, long time) {
        String v = null;
        for (Change c : of(name)) if (c.time() <= time) v = c.value();
        return v;
    }
}
