package org.jdpu.regress;

import org.jdpu.io.UserError;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The K-th of N disjoint slices of a case list, dealt round robin: case {@code i} belongs to shard
 * {@code i % N + 1}. Round robin rather than contiguous blocks, so every slice gets a share of each
 * configuration and kind and the slices take about the same time. Together the N shards cover
 * every case exactly once; a CI matrix or a batch scheduler's array job runs one per machine.
 *
 * @param index K, 1-based
 * @param count N
 */
public record Shard(int index, int count) {
    /** The whole list as one shard. */
    public static final Shard ALL = new Shard(1, 1);

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1) throw new IllegalArgumentException("a split needs at least one shard, got " + count);
        if (index < 1 || index > count) throw new IllegalArgumentException("shard " + index + " of " + count + " does not exist");
    }

    /** Parses {@code K/N}, refusing anything else with a message that says what is wrong. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new UserError("--shard must be K/N (the K-th of N slices, 1 <= K <= N, e.g. 2/4), got '" + text + "'");
        }
        int k = Integer.parseInt(m.group(1)), n = Integer.parseInt(m.group(2));
        if (n < 1) throw new UserError("--shard " + text.strip() + ": N must be at least 1");
        if (k < 1 || k > n) throw new UserError("--shard " + text.strip() + ": K must be in 1.." + n + ", got " + k);
        return new Shard(k, n);
    }

    /** Whether the case at {@code caseIndex} of the whole list is in this shard. */
    public boolean contains(int caseIndex) {
        return caseIndex % count == index - 1;
    }

    /** This shard's elements of {@code all}, in their order. */
    public <T> List<T> select(List<T> all) {
        List<T> mine = new ArrayList<>();
        for (int i = index - 1; i < all.size(); i += count) mine.add(all.get(i));
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
