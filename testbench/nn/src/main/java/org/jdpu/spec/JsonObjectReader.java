package org.jdpu.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed access to the fields of one JSON object, remembering its JSON path for messages and which
 * fields were read so that unknown ones can be rejected. Checks presence and type only; value
 * ranges are {@link LayerChecks}' job.
 */
final class JsonObjectReader {
    private final JsonNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private JsonObjectReader(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonObjectReader of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new SpecException(path, "must be a JSON object, got " + show(node));
        }
        return new JsonObjectReader(node, path);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path + "." + key;
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null) throw new SpecException(pathOf(key), "is missing");
        return v;
    }

    JsonObjectReader object(String key) {
        return of(raw(key), pathOf(key));
    }

    String string(String key) {
        JsonNode v = raw(key);
        if (!v.isTextual()) throw new SpecException(pathOf(key), "must be a string, got " + show(v));
        return v.textValue();
    }

    String optionalString(String key) {
        return has(key) ? string(key) : null;
    }

    /** A string that must be one of {@code allowed}. */
    String choice(String key, List<String> allowed) {
        String v = string(key);
        if (!allowed.contains(v)) {
            throw new SpecException(pathOf(key), "must be one of " + String.join(", ", allowed) + ", got \"" + v + "\"");
        }
        return v;
    }

    int integer(String key) {
        return integer(raw(key), pathOf(key));
    }

    int optionalInteger(String key, int fallback) {
        return has(key) ? integer(key) : fallback;
    }

    /** An array of exactly {@code length} integers. */
    int[] integers(String key, int length) {
        int[] v = integers(key);
        if (v.length != length) {
            throw new SpecException(pathOf(key), "must have " + length + " entries, got " + v.length + ": " + show(node.get(key)));
        }
        return v;
    }

    int[] optionalIntegers(String key, int length, int[] fallback) {
        return has(key) ? integers(key, length) : fallback.clone();
    }

    /** An array of integers of any length. */
    int[] integers(String key) {
        JsonNode v = raw(key);
        if (!v.isArray()) throw new SpecException(pathOf(key), "must be an array of integers, got " + show(v));
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(v.get(i), pathOf(key) + "[" + i + "]");
        }
        return out;
    }

    /** A non-empty array of strings. */
    List<String> strings(String key) {
        JsonNode v = raw(key);
        if (!v.isArray() || v.isEmpty()) {
            throw new SpecException(pathOf(key), "must be a non-empty array of strings, got " + show(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isTextual()) throw new SpecException(pathOf(key) + "[" + i + "]", "must be a string, got " + show(s));
            out.add(s.textValue());
        }
        return out;
    }

    boolean optionalBoolean(String key, boolean fallback) {
        if (!has(key)) return fallback;
        JsonNode v = raw(key);
        if (!v.isBoolean()) throw new SpecException(pathOf(key), "must be true or false, got " + show(v));
        return v.booleanValue();
    }

    /** Rejects fields that were never read: a misspelt or misplaced field is an error, not ignored. */
    void rejectUnknown() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                throw new SpecException(pathOf(key), "unknown field" + knownHint());
            }
        }
    }

    /** Marks {@code key} as understood without reading it (used when the caller inspects it itself). */
    void accept(String key) {
        read.add(key);
    }

    private String knownHint() {
        List<String> known = new ArrayList<>(read);
        known.sort(null);
        return known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")";
    }

    static int integer(JsonNode v, String path) {
        if (v == null || !v.isNumber()) throw new SpecException(path, "must be an integer, got " + show(v));
        if (!v.isIntegralNumber()) {
            if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                    && Math.abs(v.doubleValue()) < 1e9) {
                throw new SpecException(path, "must be an integer (write it without a decimal point), got " + show(v));
            }
            throw new SpecException(path, "must be an integer, got " + show(v));
        }
        if (!v.canConvertToInt()) throw new SpecException(path, "is out of the int32 range, got " + show(v));
        return v.intValue();
    }

    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
