package org.jdpu.hdl.pass.graph;

import java.util.Arrays;

/**
 * Integers grouped by an integer key, stored compactly (the "compressed sparse row" layout of
 * sparse matrices): the items of key k are {@code item(begin(k)) .. item(end(k) - 1)}, in
 * insertion order. Built by a counting sort in linear time; used for adjacency lists and for
 * statement indexes. Immutable once built.
 */
public final class GroupedInts {
    private final int[] start;
    private final int[] items;

    private GroupedInts(int[] start, int[] items) {
        this.start = start;
        this.items = items;
    }

    /** Groups {@code value[i]} under {@code key[i]} for i below {@code count}; keys lie in [0, keys). */
    public static GroupedInts group(int keys, int[] key, int[] value, int count) {
        int[] start = new int[keys + 1];
        for (int i = 0; i < count; i++) {
            start[key[i] + 1]++;
        }
        for (int k = 0; k < keys; k++) {
            start[k + 1] += start[k];
        }
        int[] fill = start.clone();
        int[] items = new int[count];
        for (int i = 0; i < count; i++) {
            items[fill[key[i]]++] = value[i];
        }
        return new GroupedInts(start, items);
    }

    /** Number of keys. */
    public int keys() {
        return start.length - 1;
    }

    /** Position of the first item of {@code key}. */
    public int begin(int key) {
        return start[key];
    }

    /** Position just past the last item of {@code key}. */
    public int end(int key) {
        return start[key + 1];
    }

    /** The item at position {@code pos} (between some key's begin and end). */
    public int item(int pos) {
        return items[pos];
    }

    public int count(int key) {
        return start[key + 1] - start[key];
    }

    /** A copy of the items of {@code key}. */
    public int[] toArray(int key) {
        return Arrays.copyOfRange(items, start[key], start[key + 1]);
    }
}
