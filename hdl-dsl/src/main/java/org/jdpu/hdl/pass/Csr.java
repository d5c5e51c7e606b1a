package org.jdpu.hdl.pass;

/**
 * Items grouped by an integer key in compressed form, built with a counting sort in linear
 * time: the items of key k are {@code items[start[k] .. start[k+1])}, in insertion order.
 * Used for adjacency lists and statement indexes.
 */
final class Csr {
    final int[] start;
    final int[] items;

    private Csr(int[] start, int[] items) {
        this.start = start;
        this.items = items;
    }

    /** Groups {@code value[i]} under {@code key[i]} for i below {@code count}; keys lie in [0, keys). */
    static Csr group(int keys, int[] key, int[] value, int count) {
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
        return new Csr(start, items);
    }
}
