package org.jdpu.tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dictionary of a {@code .npy} header ({@code {'descr': '<i4', 'fortran_order': False,
 * 'shape': (1, 2, 3), }}): a tiny parser for the Python literal subset NumPy writes, and the writer.
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {

    /** Parses the header text; failures throw {@link IllegalArgumentException} with the reason. */
    static NpyHeader parse(String text) {
        Map<String, Object> dict = new Literal(text.strip()).dictionary();
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw new IllegalArgumentException("header has unexpected key '" + key + "'");
            }
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new IllegalArgumentException(dict.containsKey("descr")
                    ? "header 'descr' is not a plain type string (structured dtypes are not supported)"
                    : "header lacks 'descr'");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new IllegalArgumentException("header lacks a True/False 'fortran_order'");
        }
        if (!(dict.get("shape") instanceof int[] shape)) {
            throw new IllegalArgumentException("header lacks a tuple 'shape'");
        }
        return new NpyHeader(descr, fortran, shape);
    }

    /** The header text NumPy would write, without padding. */
    String format() {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': ")
                .append(fortranOrder ? "True" : "False").append(", 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",), }" : "), }").toString();
    }

    /** Recursive-descent reader for dict / str / bool / tuple-of-int literals. */
    private static final class Literal {
        private final String s;
        private int pos;

        Literal(String s) {
            this.s = s;
        }

        Map<String, Object> dictionary() {
            expect('{');
            Map<String, Object> map = new LinkedHashMap<>();
            while (!peekIs('}')) {
                String key = string();
                expect(':');
                if (map.put(key, value()) != null) {
                    throw new IllegalArgumentException("header repeats key '" + key + "'");
                }
                if (!peekIs('}')) expect(',');
            }
            expect('}');
            skipSpace();
            if (pos != s.length()) throw new IllegalArgumentException("header has text after the dictionary");
            return map;
        }

        private Object value() {
            skipSpace();
            if (pos >= s.length()) throw new IllegalArgumentException("header ends inside the dictionary");
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') return string();
            if (c == '(') return tuple();
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (c == '[') throw new IllegalArgumentException("header value at " + pos + " is a list (structured dtypes are not supported)");
            throw new IllegalArgumentException("header has an unexpected value at character " + pos);
        }

        private int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!peekIs(')')) {
                dims.add(dimension());
                if (!peekIs(')')) expect(',');
            }
            expect(')');
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private int dimension() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (start == pos) throw new IllegalArgumentException("header 'shape' holds a non-integer at character " + start);
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) pos++; // Python 2 long suffix
            if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("header 'shape' dimension " + digits + " is too large");
            }
            return Integer.parseInt(digits);
        }

        private String string() {
            skipSpace();
            if (pos >= s.length()) throw new IllegalArgumentException("header ends where a string was expected");
            char quote = s.charAt(pos);
            if (quote != '\'' && quote != '"') {
                throw new IllegalArgumentException("header has no quoted key at character " + pos);
            }
            int end = s.indexOf(quote, pos + 1);
            if (end < 0) throw new IllegalArgumentException("header has an unterminated string");
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        private boolean peekIs(char c) {
            skipSpace();
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "header is not a Python dictionary literal: expected '%c' at character %d", c, pos));
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }
    }
}
