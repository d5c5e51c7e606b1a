package org.jdpu.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for reports: the first column left-aligned (names), the others right-aligned
 * (numbers), every column as wide as its widest cell, each line indented.
 */
final class TextTable {
    private final String indent;
    private final String[] head;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String indent, String... head) {
        this.indent = indent;
        this.head = head.clone();
    }

    TextTable row(String... cells) {
        if (cells.length != head.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + head.length + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] r : rows) width[i] = Math.max(width[i], r[i].length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, width);
        for (String[] r : rows) line(sb, r, width);
        return sb.toString();
    }

    private void line(StringBuilder sb, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) l.append("  ");
            l.append(String.format(i == 0 ? "%-" + width[i] + "s" : "%" + width[i] + "s", cells[i]));
        }
        sb.append(l.toString().stripTrailing()).append(System.lineSeparator());
    }
}
